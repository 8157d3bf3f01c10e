package io.gmerecording.core.spi;

import io.gmerecording.core.CredentialsProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * For adapters: the settings every adapter shares, validated once by
 * {@link io.gmerecording.core.TransportBuilder}: endpoint, plain-HTTP opt-in, region, language, credentials,
 * timeouts and a trusted certificate. An adapter keeps the instance it was built from, so {@code toBuilder()} can start from it again.
 */
public final class ClientSettings {

    private final ServiceEndpoint endpoint;
    private final boolean allowInsecureHttp;
    private final String region;
    private final String language;
    private final CredentialsProvider credentials;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Path trustedCertificate;

    private ClientSettings(ServiceEndpoint endpoint, boolean allowInsecureHttp, String region, String language,
            CredentialsProvider credentials, Duration connectTimeout, Duration requestTimeout, Path trustedCertificate) {
        this.endpoint = endpoint;
        this.allowInsecureHttp = allowInsecureHttp;
        this.region = region;
        this.language = language;
        this.credentials = credentials;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout must not be null");
        this.trustedCertificate = trustedCertificate;
    }

    /**
     * Settings already checked by the builder; the endpoint is parsed here.
     *
     * @throws IllegalArgumentException naming the endpoint when it is not acceptable
     */
    public static ClientSettings of(String endpoint, boolean allowInsecureHttp, String region, String language,
            CredentialsProvider credentials, Duration connectTimeout, Duration requestTimeout, Path trustedCertificate) {
        return new ClientSettings(ServiceEndpoint.parse(endpoint, allowInsecureHttp), allowInsecureHttp, region,
                language, credentials, connectTimeout, requestTimeout, trustedCertificate);
    }

    public ServiceEndpoint endpoint() {
        return endpoint;
    }

    /** Whether {@code http://} was permitted for a host that is not loopback. */
    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
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

    /** The certificate file to trust instead of the JDK's authorities, or null for those. */
    public Path trustedCertificate() {
        return trustedCertificate;
    }
}
