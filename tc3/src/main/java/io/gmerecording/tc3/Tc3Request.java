package io.gmerecording.tc3;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of a Tencent Cloud API 3.0 request that a TC3-HMAC-SHA256 signature covers: method, the signed headers
 * (at least {@code content-type} and {@code host}), the exact body bytes, the service of the credential scope and the
 * request time. Works for any Tencent Cloud action, not only GME.
 */
public final class Tc3Request {

    private final String method;
    private final String service;
    private final long timestamp;
    private final Map<String, String> signedHeaders;
    private final byte[] payload;

    private Tc3Request(Builder builder) {
        this.method = Objects.requireNonNull(builder.method, "method must not be null").toUpperCase(Locale.ROOT);
        this.service = requireText(builder.service, "service");
        if (builder.timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be Unix seconds >= 0, got " + builder.timestamp);
        }
        this.timestamp = builder.timestamp;
        this.signedHeaders = Collections.unmodifiableMap(new TreeMap<>(builder.headers));
        if (!signedHeaders.containsKey("content-type") || !signedHeaders.containsKey("host")) {
            throw new IllegalArgumentException("the signed headers must include content-type and host, got "
                    + signedHeaders.keySet());
        }
        // the builder already holds its own copy
        this.payload = Objects.requireNonNull(builder.payload, "payload must not be null");
    }

    public static Builder builder() {
        return new Builder();
    }

    public String method() {
        return method;
    }

    public String service() {
        return service;
    }

    /** Unix time in seconds, as sent in {@code X-TC-Timestamp}. */
    public long timestamp() {
        return timestamp;
    }

    /** Lower-case header name to value, in ASCII order of the name: the order they are signed in. */
    public Map<String, String> signedHeaders() {
        return signedHeaders;
    }

    byte[] payloadBytes() {
        return payload;
    }

    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public String toString() {
        return "Tc3Request[" + method + " service=" + service + " timestamp=" + timestamp
                + " signedHeaders=" + signedHeaders.keySet() + " payload=" + payload.length + " bytes]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    public static final class Builder {
        private String method = "POST";
        private String service;
        private long timestamp = -1;
        private final Map<String, String> headers = new TreeMap<>();
        private byte[] payload = new byte[0];

        private Builder() {
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** The credential-scope service, e.g. {@code gme}. */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder timestamp(long unixSeconds) {
            this.timestamp = unixSeconds;
            return this;
        }

        /** A header to sign; its name is lower-cased. The value must be byte-for-byte the one sent. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name must not be null");
            Objects.requireNonNull(value, "value of header " + name + " must not be null");
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        public Builder contentType(String value) {
            return header("content-type", value);
        }

        /** The Host as sent: {@code host[:port]}, the port only when it is not the scheme's default. */
        public Builder host(String value) {
            return header("host", value);
        }

        public Builder payload(byte[] payload) {
            this.payload = Objects.requireNonNull(payload, "payload must not be null").clone();
            return this;
        }

        public Tc3Request build() {
            return new Tc3Request(this);
        }
    }
}
