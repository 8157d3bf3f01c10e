package io.gmerecording.core.spi;

import io.gmerecording.core.Credentials;
import java.util.regex.Pattern;

/**
 * For adapters: text that came from the server (an error message, a body excerpt) or from a transport library, with
 * what the client sent that must stay secret taken out before it goes into an exception or a log: the SecretKey, the
 * token, the full SecretId (masked to its last four characters) and any TC3 signature. A server or proxy that echoes
 * the request's headers must not make an error message leak them.
 */
public final class SecretRedaction {

    private static final Pattern SIGNATURE = Pattern.compile("(?i)(Signature=)[0-9a-f]{16,}");
    private static final Pattern LONG_HEX = Pattern.compile("(?i)\\b[0-9a-f]{64}\\b");

    private SecretRedaction() {
    }

    /** The text with the given credentials' secrets, the SecretId and any signature redacted; null stays null. */
    public static String redact(String text, Credentials sent) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        if (sent != null) {
            redacted = replace(redacted, sent.secretKey(), "<redacted>");
            if (sent.token().isPresent()) {
                redacted = replace(redacted, sent.token().get(), "<redacted>");
            }
            redacted = replace(redacted, sent.secretId(), sent.maskedSecretId());
        }
        redacted = SIGNATURE.matcher(redacted).replaceAll("$1<redacted>");
        return LONG_HEX.matcher(redacted).replaceAll("<redacted>");
    }

    private static String replace(String text, String secret, String with) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, with);
    }
}
