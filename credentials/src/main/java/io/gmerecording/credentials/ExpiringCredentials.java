package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials, the moment they stop working (temporary ones, a role's, expire; static ones never do), and the name of
 * the account quota they count against: the SecretId for a long-term key, the role's stable identity for temporary
 * ones, whose SecretId changes at every refresh and differs between replicas.
 */
public final class ExpiringCredentials {

    private final Credentials credentials;
    private final Instant expiresAt;
    private final String quotaKey;

    private ExpiringCredentials(Credentials credentials, Instant expiresAt, String quotaKey) {
        this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
        this.expiresAt = expiresAt;
        this.quotaKey = quotaKey == null ? credentials.secretId() : quotaKey;
    }

    public static ExpiringCredentials never(Credentials credentials) {
        return new ExpiringCredentials(credentials, null, null);
    }

    /** Temporary credentials whose quota is named by their SecretId (a source without a stable identity). */
    public static ExpiringCredentials until(Credentials credentials, Instant expiresAt) {
        return new ExpiringCredentials(credentials, Objects.requireNonNull(expiresAt, "expiresAt must not be null"),
                null);
    }

    /** Temporary credentials of a role whose stable identity is {@code quotaKey} (a role name or ARN). */
    public static ExpiringCredentials until(Credentials credentials, Instant expiresAt, String quotaKey) {
        return new ExpiringCredentials(credentials, Objects.requireNonNull(expiresAt, "expiresAt must not be null"),
                Objects.requireNonNull(quotaKey, "quotaKey must not be null"));
    }

    public Credentials credentials() {
        return credentials;
    }

    /** When they stop working; empty for credentials that do not expire. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** What every replica of one account shares and rotation does not change; names a shared request budget. */
    public String quotaKey() {
        return quotaKey;
    }

    @Override
    public String toString() {
        return "ExpiringCredentials[" + credentials + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
    }
}
