package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.credentials.internal.SendableCredentials;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code TENCENTCLOUD_SECRET_ID}, {@code TENCENTCLOUD_SECRET_KEY} and optional {@code TENCENTCLOUD_TOKEN}. */
public final class EnvironmentCredentials implements CredentialsSource {

    static final String SECRET_ID = "TENCENTCLOUD_SECRET_ID";
    static final String SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
    static final String TOKEN = "TENCENTCLOUD_TOKEN";

    private final Map<String, String> environment;

    private EnvironmentCredentials(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment must not be null");
    }

    public static EnvironmentCredentials of(Map<String, String> environment) {
        return new EnvironmentCredentials(environment);
    }

    @Override
    public Optional<Credentials> find() {
        String id = blankToNull(environment.get(SECRET_ID));
        String key = blankToNull(environment.get(SECRET_KEY));
        if (id == null && key == null) {
            return Optional.empty();
        }
        if (id == null || key == null) {
            throw ErrorCodes.credentialsMalformed("environment: " + (id == null ? SECRET_ID : SECRET_KEY) + " is not set but "
                            + (id == null ? SECRET_KEY : SECRET_ID) + " is; set both or neither");
        }
        String source = "environment variable ";
        return Optional.of(Credentials.of(SendableCredentials.checked(id, SECRET_ID, source + SECRET_ID),
                SendableCredentials.checked(key, SECRET_KEY, source + SECRET_KEY),
                SendableCredentials.checked(environment.get(TOKEN), TOKEN, source + TOKEN)));
    }

    @Override
    public String describe() {
        return "environment variables " + SECRET_ID + "/" + SECRET_KEY;
    }

    private static String blankToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }
}
