package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;

/**
 * For adapters: credentials as they can go on the wire, whoever made them (the chain checks its own sources; an
 * application's explicit credentials are checked here): trimmed, printable ASCII without spaces, at most 4096
 * characters. Otherwise a {@link CredentialsException} naming the field, never the value, before anything is sent
 * (an HTTP library would otherwise refuse the header with a message that quotes it).
 */
public final class SendableCredentials {

    private SendableCredentials() {
    }

    public static Credentials check(Credentials credentials) {
        String source = "the credentials in use";
        return Credentials.of(CredentialFiles.checked(credentials.secretId(), "SecretId", source),
                CredentialFiles.checked(credentials.secretKey(), "SecretKey", source),
                CredentialFiles.checked(credentials.token().orElse(null), "token", source));
    }
}
