package io.gmerecording.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.emulator.AcceptedKey;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Staging's usual Actuator settings show every value: the keys and the token must still never appear. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoints.web.exposure.include=env,configprops",
    "management.endpoint.env.show-values=always",
    "management.endpoint.configprops.show-values=always",
    "gme.recording.credentials.token=sample-session-token-0123456789",
    "gme.recording.callback.app-key=sample-app-permission-key-0123"})
class ActuatorSecretsTest extends AgainstTheEmulator {

    @Test
    void envAndConfigpropsShowNeitherTheKeysNorTheToken() throws Exception {
        for (String endpoint : new String[] {"/actuator/env", "/actuator/configprops"}) {
            HttpResponse<String> shown = get(endpoint);

            assertThat(shown.statusCode()).as(endpoint).isEqualTo(200);
            assertThat(shown.body()).as(endpoint).contains("gme")
                    .doesNotContain(AcceptedKey.DEMO.secretKey())
                    .doesNotContain("sample-session-token-0123456789")
                    .doesNotContain("sample-app-permission-key-0123");
        }
        // show-values=always is in force: other values are shown, so the masking is the starter's, not Spring's
        assertThat(get("/actuator/env").body()).contains(AcceptedKey.DEMO.secretId());
    }
}
