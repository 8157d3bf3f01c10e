package io.gmerecording.callbacks;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The callback's {@code Signature}: HMAC-SHA1 of the raw body under the application's key. How the service encodes
 * it is not documented, so hex in either case and Base64 (standard or URL-safe, padded or not) are all taken; the
 * comparison is over the 20 bytes, in constant time.
 */
public final class CallbackSignature {

    private static final int SHA1_BYTES = 20;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{40}");

    private CallbackSignature() {
    }

    /** The signature of {@code body}, as lower-case hex (how the emulator sends it). */
    public static String sign(byte[] appKey, byte[] body) {
        StringBuilder hex = new StringBuilder(SHA1_BYTES * 2);
        for (byte b : mac(appKey, body)) {
            hex.append(String.format(Locale.ROOT, "%02x", b));
        }
        return hex.toString();
    }

    /** True when {@code signature} (hex or Base64) is the HMAC-SHA1 of {@code body} under {@code appKey}. */
    static boolean matches(byte[] appKey, byte[] body, byte[] signature) {
        return MessageDigest.isEqual(mac(appKey, body), signature);
    }

    /** The 20 signature bytes a header holds, or null when it is neither hex nor Base64 of 20 bytes. */
    static byte[] decode(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (HEX.matcher(value).matches()) {
            byte[] bytes = new byte[SHA1_BYTES];
            for (int i = 0; i < SHA1_BYTES; i++) {
                bytes[i] = (byte) Integer.parseInt(value.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
        try {
            byte[] bytes = value.indexOf('-') >= 0 || value.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(value) : Base64.getDecoder().decode(value);
            return bytes.length == SHA1_BYTES ? bytes : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] mac(byte[] appKey, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(appKey, "HmacSHA1"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available in this JDK", e);
        }
    }
}
