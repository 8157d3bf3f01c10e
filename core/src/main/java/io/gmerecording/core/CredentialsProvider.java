package io.gmerecording.core;

import io.gmerecording.core.error.CredentialsException;

/** Supplies the credentials to sign a request with; called once per request, so rotation is picked up. */
@FunctionalInterface
public interface CredentialsProvider {

    /** @throws CredentialsException when no usable credentials can be found */
    Credentials resolve();

    static CredentialsProvider of(Credentials credentials) {
        java.util.Objects.requireNonNull(credentials, "credentials must not be null");
        return () -> credentials;
    }
}
