package io.gmerecording.credentials.internal;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;

/**
 * For adapters: credentials as they can go on the wire, whoever made them (the chain checks its own sources; an
 * application's explicit credentials are checked here): trimmed, printable ASCII without spaces, at most 4096
 * characters. Otherwise a {@link CredentialsException} naming the field, never the value, before anything is sent
 * (an HTTP library would otherwise refuse the header with a message that quotes it).
 */
public final class SendableCredentials {

    /** The longest credential value the service takes. */
    public static final int MAX_VALUE_CHARS = 4096;

    private SendableCredentials() {
    }

    public static Credentials check(Credentials credentials) {
        String source = "the credentials in use";
        return Credentials.of(checked(credentials.secretId(), "SecretId", source),
                checked(credentials.secretKey(), "SecretKey", source),
                checked(credentials.token().orElse(null), "token", source));
    }

    /**
     * A credential value as the service can take it: trimmed, then at most {@value #MAX_VALUE_CHARS} characters of
     * printable ASCII without spaces (not a token file with CRLF, not a pasted key with a non-breaking space). The
     * message names the source and the field, never the value.
     */
    public static String checked(String value, String field, String source) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_VALUE_CHARS) {
            throw ErrorCodes.credentialsMalformed(source + ": " + field + " is longer than " + MAX_VALUE_CHARS
                    + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= ' ' || c > '~') {
                throw ErrorCodes.credentialsMalformed(source + ": " + field + " has a character that cannot be sent "
                        + "(a control character, a space or a non-ASCII character at position " + (i + 1) + ")");
            }
        }
        return trimmed;
    }
}
