package io.gmerecording.core;

import io.gmerecording.core.error.CredentialsException;

/** Supplies the credentials to sign a request with; called once per request, so rotation is picked up. */
@FunctionalInterface
public interface CredentialsProvider {

    /** @throws CredentialsException when no usable credentials can be found */
    Credentials resolve();

    /**
     * The name of the account quota these credentials count against, for a request budget shared by every replica
     * (for example in Redis): the same for every replica of one account and unchanged when temporary credentials
     * rotate. This default is the SecretId, right for a long-term key; a provider of temporary credentials names the
     * role instead ({@code CredentialsChain} does).
     *
     * @throws CredentialsException when no usable credentials can be found
     */
    default String quotaKey() {
        return resolve().secretId();
    }

    static CredentialsProvider of(Credentials credentials) {
        java.util.Objects.requireNonNull(credentials, "credentials must not be null");
        return () -> credentials;
    }
}
