package io.gmerecording.spring;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Actuator present: the starter's secrets never appear in {@code /actuator/env} or {@code /actuator/configprops},
 * whatever {@code management.endpoint.*.show-values} says (Spring Boot 3 masks nothing by name once values are shown).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
class SecretSanitizing {

    /**
     * The secret properties with their separators and case dropped: {@code /env} names them as written
     * ({@code gme.recording.credentials.secret-key}, or {@code GME_RECORDING_CREDENTIALS_SECRET_KEY} from the
     * environment), {@code /configprops} by their bound path ({@code gme.recording.credentials.secretKey}).
     */
    private static final Set<String> SECRETS = Set.of("gmerecordingcredentialssecretkey",
            "gmerecordingcredentialstoken", "gmerecordingcallbackappkey");

    @Bean
    SanitizingFunction gmeRecordingSecrets() {
        return data -> isSecret(data) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }

    private static boolean isSecret(SanitizableData data) {
        return SECRETS.contains(data.getKey().toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", ""));
    }
}
