package io.gmerecording.emulator;

import java.util.Objects;

/** A key pair the emulator accepts, with the token it then requires when there is one. toString hides the secrets. */
public final class AcceptedKey {

    /** Well-known demo credentials of the emulator; they open nothing anywhere else. */
    public static final AcceptedKey DEMO = new AcceptedKey(
            "AKIDgmeRecordingEmulatorDemo0000", "gme-recording-emulator-demo-key", null);

    private final String secretId;
    private final String secretKey;
    private final String token;

    private AcceptedKey(String secretId, String secretKey, String token) {
        this.secretId = requireText(secretId, "secretId");
        this.secretKey = requireText(secretKey, "secretKey");
        this.token = token == null || token.isEmpty() ? null : token;
    }

    public static AcceptedKey of(String secretId, String secretKey) {
        return new AcceptedKey(secretId, secretKey, null);
    }

    /** Temporary credentials: requests must carry this token in {@code X-TC-Token}. */
    public static AcceptedKey withToken(String secretId, String secretKey, String token) {
        return new AcceptedKey(secretId, secretKey, Objects.requireNonNull(token, "token must not be null"));
    }

    public String secretId() {
        return secretId;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The token requests must carry, or null. */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "AcceptedKey[secretId=" + secretId + ", secretKey=<redacted>" + (token == null ? "" : ", token=<redacted>")
                + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
