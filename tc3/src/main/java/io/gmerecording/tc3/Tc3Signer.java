package io.gmerecording.tc3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TC3-HMAC-SHA256, the signature of Tencent Cloud API 3.0: a pure function of the secret key, the request parts and
 * the request time. Thread-safe. The day's signing key depends only on (SecretKey, UTC date, service), so the last one
 * is kept and reused until one of them changes.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";

    private static final String HMAC = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // Mac and MessageDigest are not thread-safe and costly to look up; one of each per thread. The day's Mac stays
    // initialised with the day's signing key, which is what makes signing cheap: keying HMAC costs two compressions.
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> newInstance(() -> Mac.getInstance(HMAC)));
    private static final ThreadLocal<KeyedMac> SIGNING_MAC = ThreadLocal.withInitial(KeyedMac::new);
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(() -> newInstance(() -> MessageDigest.getInstance("SHA-256")));

    private volatile SigningKey lastKey;

    private Tc3Signer() {
    }

    public static Tc3Signer create() {
        return new Tc3Signer();
    }

    /** The complete {@code Authorization} header value. */
    public String authorization(String secretId, String secretKey, Tc3Request request) {
        requireText(secretId, "secretId");
        String date = date(request.timestamp());
        return ALGORITHM + " Credential=" + secretId + "/" + date + "/" + request.service() + "/tc3_request"
                + ", SignedHeaders=" + signedHeaderNames(request)
                + ", Signature=" + signature(secretKey, request, date);
    }

    /** The hex signature alone. */
    public String signature(String secretKey, Tc3Request request) {
        return signature(secretKey, request, date(request.timestamp()));
    }

    private String signature(String secretKey, Tc3Request request, String date) {
        requireText(secretKey, "secretKey");
        byte[] key = signingKey(secretKey, date, request.service());
        return hex(SIGNING_MAC.get().keyedWith(key).doFinal(stringToSign(request, date)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code yyyy-MM-dd/service/tc3_request}, the date in UTC. */
    static String credentialScope(Tc3Request request) {
        return date(request.timestamp()) + "/" + request.service() + "/tc3_request";
    }

    /** The lower-case names of the signed headers joined by {@code ;}, in ASCII order. */
    static String signedHeaderNames(Tc3Request request) {
        return String.join(";", request.signedHeaders().keySet());
    }

    static String canonicalRequest(Tc3Request request) {
        StringBuilder canonical = new StringBuilder(256)
                .append(request.method()).append('\n')
                .append("/\n")
                .append('\n');
        for (Map.Entry<String, String> header : request.signedHeaders().entrySet()) {
            canonical.append(header.getKey()).append(':')
                    .append(header.getValue().trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        return canonical.append('\n')
                .append(signedHeaderNames(request)).append('\n')
                .append(sha256Hex(request.payloadBytes()))
                .toString();
    }

    static String stringToSign(Tc3Request request) {
        return stringToSign(request, date(request.timestamp()));
    }

    private static String stringToSign(Tc3Request request, String date) {
        return ALGORITHM + "\n" + request.timestamp() + "\n" + date + "/" + request.service() + "/tc3_request\n"
                + sha256Hex(canonicalRequest(request).getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex SHA-256 of the bytes. */
    static String sha256Hex(byte[] bytes) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return hex(digest.digest(bytes));
    }

    private byte[] signingKey(String secretKey, String date, String service) {
        SigningKey cached = lastKey;
        if (cached != null && cached.matches(secretKey, date, service)) {
            return cached.key;
        }
        byte[] dateKey = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] serviceKey = hmac(dateKey, service);
        byte[] key = hmac(serviceKey, "tc3_request");
        lastKey = new SigningKey(secretKey, date, service, key);
        return key;
    }

    /** The UTC date of a Unix timestamp, {@code yyyy-MM-dd}. */
    private static String date(long timestamp) {
        return LocalDate.ofEpochDay(Math.floorDiv(timestamp, 86_400L)).toString();
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 rejected a key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[i * 2] = HEX[(bytes[i] >> 4) & 0xF];
            out[i * 2 + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private interface Factory<T> {
        T create() throws GeneralSecurityException;
    }

    private static <T> T newInstance(Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks SHA-256 or HmacSHA256, which every Java SE has", e);
        }
    }

    /** A thread's Mac for the final HMAC, re-keyed only when the signing key changes. */
    private static final class KeyedMac {
        private final Mac mac = newInstance(() -> Mac.getInstance(HMAC));
        private byte[] key;

        Mac keyedWith(byte[] signingKey) {
            if (signingKey != key) {
                try {
                    mac.init(new SecretKeySpec(signingKey, HMAC));
                } catch (java.security.InvalidKeyException e) {
                    throw new IllegalStateException("HmacSHA256 rejected a key", e);
                }
                key = signingKey;
            }
            return mac;
        }
    }

    /** The derived key with what it was derived from; toString never shows either. */
    private static final class SigningKey {
        private final String secretKey;
        private final String date;
        private final String service;
        private final byte[] key;

        SigningKey(String secretKey, String date, String service, byte[] key) {
            this.secretKey = secretKey;
            this.date = date;
            this.service = service;
            this.key = key;
        }

        boolean matches(String secretKey, String date, String service) {
            return this.date.equals(date) && this.service.equals(service) && this.secretKey.equals(secretKey);
        }

        @Override
        public String toString() {
            return "SigningKey[date=" + date + ", service=" + service + "]";
        }
    }
}
