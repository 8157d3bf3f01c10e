package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Credentials and the moment they stop working: temporary ones (a role's) expire, static ones never do. */
public final class ExpiringCredentials {

    private final Credentials credentials;
    private final Instant expiresAt;

    private ExpiringCredentials(Credentials credentials, Instant expiresAt) {
        this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
        this.expiresAt = expiresAt;
    }

    public static ExpiringCredentials never(Credentials credentials) {
        return new ExpiringCredentials(credentials, null);
    }

    public static ExpiringCredentials until(Credentials credentials, Instant expiresAt) {
        return new ExpiringCredentials(credentials, Objects.requireNonNull(expiresAt, "expiresAt must not be null"));
    }

    public Credentials credentials() {
        return credentials;
    }

    /** When they stop working; empty for credentials that do not expire. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "ExpiringCredentials[" + credentials + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
    }
}
