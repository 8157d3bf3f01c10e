package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import java.util.Optional;

/** One place credentials may be found; a link of a {@link CredentialsChain}. */
public interface CredentialsSource {

    /**
     * The credentials here, or empty when this place has none.
     *
     * @throws CredentialsException ({@code Client.CredentialsMalformed}) when this place exists but cannot be read;
     *     the message names the place (and line), never a secret
     */
    Optional<Credentials> find();

    /** Where this source looks, for the message that lists every place searched. */
    String describe();

    /**
     * The credentials here with their expiry; sources of temporary credentials (a role) override it. The default:
     * what {@link #find()} gives, never expiring.
     */
    default Optional<ExpiringCredentials> findExpiring() {
        return find().map(ExpiringCredentials::never);
    }
}
