package io.gmerecording.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A Tencent Cloud API key pair, with the security token of temporary credentials when there is one.
 * {@link #toString()} never shows the SecretKey or the token, and only the last four characters of the SecretId.
 */
public final class Credentials {

    private final String secretId;
    private final String secretKey;
    private final String token;

    private Credentials(String secretId, String secretKey, String token) {
        this.secretId = requireText(secretId, "secretId");
        this.secretKey = requireText(secretKey, "secretKey");
        this.token = token == null || token.isEmpty() ? null : token;
    }

    public static Credentials of(String secretId, String secretKey) {
        return new Credentials(secretId, secretKey, null);
    }

    /** Temporary credentials: the token travels in {@code X-TC-Token}. A null or empty token means none. */
    public static Credentials of(String secretId, String secretKey, String token) {
        return new Credentials(secretId, secretKey, token);
    }

    public String secretId() {
        return secretId;
    }

    public String secretKey() {
        return secretKey;
    }

    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** The SecretId with all but its last four characters masked, for messages and logs. */
    public String maskedSecretId() {
        int shown = Math.min(4, secretId.length() / 2);
        return "****" + secretId.substring(secretId.length() - shown);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Credentials)) {
            return false;
        }
        Credentials that = (Credentials) other;
        return secretId.equals(that.secretId) && secretKey.equals(that.secretKey) && Objects.equals(token, that.token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretId, secretKey, token);
    }

    @Override
    public String toString() {
        return "Credentials[secretId=" + maskedSecretId() + ", secretKey=<redacted>"
                + (token == null ? "" : ", token=<redacted>") + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
