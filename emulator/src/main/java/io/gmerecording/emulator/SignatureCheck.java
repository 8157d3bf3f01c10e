package io.gmerecording.emulator;

import com.sun.net.httpserver.Headers;
import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Verifies a request's TC3-HMAC-SHA256 Authorization the way the service does, in the service's order. */
final class SignatureCheck {

    static final long MAX_SKEW_SECONDS = 300;

    private static final Pattern AUTHORIZATION = Pattern.compile("TC3-HMAC-SHA256 Credential=([^/\\s]+)/"
            + "([0-9]{4}-[0-9]{2}-[0-9]{2})/([^/\\s]+)/tc3_request, ?SignedHeaders=([a-z0-9;\\-]+), ?"
            + "Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter UTC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Map<String, AcceptedKey> keys;
    private final RoleService roles;
    private final Tc3Signer signer = Tc3Signer.create();

    SignatureCheck(Map<String, AcceptedKey> keys, RoleService roles) {
        this.keys = keys;
        this.roles = roles;
    }

    /** What the Authorization header established, for checking the signature once the body is read. */
    static final class Scope {
        final AcceptedKey key;
        final long timestamp;
        final String service;
        final List<String> signedHeaders;
        final String signature;

        Scope(AcceptedKey key, long timestamp, String service, List<String> signedHeaders, String signature) {
            this.key = key;
            this.timestamp = timestamp;
            this.service = service;
            this.signedHeaders = signedHeaders;
            this.signature = signature;
        }
    }

    /** Everything but the signature itself, which needs the body: form, SecretId, skew, scope, signed headers. */
    Scope verifyHeaders(Headers headers, Instant now) throws Rejection {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            throw new Rejection("AuthFailure.InvalidAuthorization", "The Authorization header is missing.");
        }
        Matcher parts = AUTHORIZATION.matcher(authorization.trim());
        if (!parts.matches()) {
            throw new Rejection("AuthFailure.InvalidAuthorization",
                    "The Authorization header is not TC3-HMAC-SHA256 Credential=.../tc3_request, SignedHeaders=..., "
                            + "Signature=....");
        }
        AcceptedKey key = keys.get(parts.group(1));
        if (key == null) {
            key = roles.valid(parts.group(1), now);
        }
        if (key == null && roles.issuedHere(parts.group(1))) {
            throw new Rejection("AuthFailure.TokenFailure", "The temporary credentials have expired.");
        }
        if (key == null) {
            throw new Rejection("AuthFailure.SecretIdNotFound", "The SecretId is not found; check the SecretId.");
        }
        long timestamp = timestamp(headers);
        long serverTime = now.getEpochSecond();
        // compared without subtracting the client's value, which may be anywhere in the long range
        if (timestamp < serverTime - MAX_SKEW_SECONDS || timestamp > serverTime + MAX_SKEW_SECONDS) {
            throw new Rejection("AuthFailure.SignatureExpire", "The request timestamp " + timestamp + " is more than "
                    + MAX_SKEW_SECONDS + " s from the server time " + now.getEpochSecond() + "; check your clock.");
        }
        if (!parts.group(2).equals(UTC_DATE.format(Instant.ofEpochSecond(timestamp)))) {
            throw new Rejection("AuthFailure.InvalidAuthorization", "The credential scope date " + parts.group(2)
                    + " is not the UTC date of X-TC-Timestamp.");
        }
        String host = headers.getFirst("Host");
        if (host == null) {
            throw new Rejection("AuthFailure.InvalidAuthorization", "The Host header is missing.");
        }
        String service = parts.group(3);
        String firstLabel = host.toLowerCase(Locale.ROOT).split("[.:]", 2)[0];
        if (!service.equals("gme") && !service.equals(firstLabel)) {
            throw new Rejection("AuthFailure.InvalidAuthorization", "The credential scope service '" + service
                    + "' is neither gme nor the first label of the Host.");
        }
        List<String> signed = Arrays.asList(parts.group(4).split(";"));
        if (!signed.contains("content-type") || !signed.contains("host")) {
            throw new Rejection("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.");
        }
        for (String name : signed) {
            if (headers.getFirst(name) == null) {
                throw new Rejection("AuthFailure.InvalidAuthorization", "The signed header " + name + " is missing.");
            }
        }
        return new Scope(key, timestamp, service, signed, parts.group(5));
    }

    /** The signature over the exact body, and the token of temporary credentials. */
    void verifyBody(Scope scope, String method, Headers headers, byte[] body) throws Rejection {
        AcceptedKey key = scope.key;
        String host = headers.getFirst("Host");
        boolean matches = signedAs(scope, method, headers, body, host);
        if (!matches && host != null && host.lastIndexOf(':') > host.lastIndexOf(']')) {
            // the official Node SDK signs the host name without the port it sends; on the service's port 443 the
            // two forms agree, so the emulator on any other port takes either for the same host name
            matches = signedAs(scope, method, headers, body, host.substring(0, host.lastIndexOf(':')));
        }
        if (!matches) {
            throw new Rejection("AuthFailure.SignatureFailure",
                    "The provided credentials could not be validated; check the SecretKey and the signing steps.");
        }
        if (key.token() != null && !key.token().equals(headers.getFirst("X-TC-Token"))) {
            throw new Rejection("AuthFailure.TokenFailure", "The X-TC-Token is missing or does not match.");
        }
    }

    /** Whether the signature is the one over these headers, with {@code host} as the signed Host. */
    private boolean signedAs(Scope scope, String method, Headers headers, byte[] body, String host) throws Rejection {
        Tc3Request.Builder request = Tc3Request.builder().method(method).service(scope.service)
                .timestamp(scope.timestamp).payload(body);
        for (String name : scope.signedHeaders) {
            String value = name.equals("host") ? host : headers.getFirst(name);
            if (value == null) {
                throw new Rejection("AuthFailure.InvalidAuthorization", "The signed header " + name + " is missing.");
            }
            request.header(name, value);
        }
        String expected = signer.signature(scope.key.secretKey(), request.build());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                scope.signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static long timestamp(Headers headers) throws Rejection {
        String value = headers.getFirst("X-TC-Timestamp");
        try {
            return Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new Rejection("AuthFailure.InvalidAuthorization", "X-TC-Timestamp is missing or not Unix seconds.");
        }
    }
}
