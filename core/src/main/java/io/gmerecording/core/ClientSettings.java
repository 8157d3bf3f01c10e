package io.gmerecording.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings every adapter shares, validated once: endpoint, plain-HTTP opt-in, region, language, credentials and
 * timeouts. Each adapter's builder extends {@link Builder} and adds what only it has.
 */
public final class ClientSettings {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ServiceEndpoint endpoint;
    private final String region;
    private final String language;
    private final CredentialsProvider credentials;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private ClientSettings(Builder<?> builder) {
        this.endpoint = ServiceEndpoint.parse(builder.endpoint, builder.allowInsecureHttp);
        this.region = builder.region;
        this.language = builder.language;
        this.credentials = builder.credentials;
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
    }

    public ServiceEndpoint endpoint() {
        return endpoint;
    }

    /** The region for {@code X-TC-Region}, or null for none. */
    public String region() {
        return region;
    }

    /** {@code zh-CN}, {@code en-US}, or null for the service's default. */
    public String language() {
        return language;
    }

    /** The provider given to the builder, or null when none was given (the adapter picks its default). */
    public CredentialsProvider credentials() {
        return credentials;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * The shared part of an adapter builder; {@code B} is the adapter's own builder so calls chain.
     * Defaults: endpoint {@code https://gme.tencentcloudapi.com}, connect timeout 5 s, request timeout 10 s.
     */
    public abstract static class Builder<B extends Builder<B>> {
        private String endpoint = ServiceEndpoint.DEFAULT;
        private boolean allowInsecureHttp;
        private String region;
        private String language;
        private CredentialsProvider credentials;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        protected Builder() {
        }

        protected abstract B self();

        /** {@code https://host[:port]}; {@code http://} only for loopback hosts unless {@link #allowInsecureHttp}. */
        public B endpoint(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
            return self();
        }

        /** Permits {@code http://} to a host that is not loopback (for example a proxy you control). */
        public B allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return self();
        }

        /** Sent as {@code X-TC-Region}; not required by this action. Null or blank for none. */
        public B region(String region) {
            this.region = region == null || region.trim().isEmpty() ? null : region.trim();
            return self();
        }

        /** {@code zh-CN} or {@code en-US}, the language of error messages; null for the service's default. */
        public B language(String language) {
            if (language != null && !language.equals("zh-CN") && !language.equals("en-US")) {
                throw new IllegalArgumentException("language must be zh-CN or en-US, got '" + language + "'");
            }
            this.language = language;
            return self();
        }

        public B credentials(Credentials credentials) {
            return credentialsProvider(CredentialsProvider.of(credentials));
        }

        /** Asked once per request, so rotated credentials are picked up. */
        public B credentialsProvider(CredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "credentials provider must not be null");
            return self();
        }

        public B connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return self();
        }

        /** The longest a request may wait for its answer, body included. */
        public B requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return self();
        }

        /** @throws IllegalArgumentException naming the endpoint when it is not acceptable */
        protected ClientSettings settings() {
            return new ClientSettings(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
