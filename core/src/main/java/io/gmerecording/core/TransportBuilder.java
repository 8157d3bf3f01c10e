package io.gmerecording.core;

import io.gmerecording.core.Transport;
import io.gmerecording.core.spi.ClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What every adapter's builder shares: endpoint, plain-HTTP opt-in, region, language, credentials, timeouts, a
 * trusted certificate, and a typed {@link #build()}. Code that lets its user choose the transport configures it once:
 *
 * <pre>{@code
 * TransportBuilder<?, ?> builder = useSdk ? SdkTransport.builder() : HttpTransport.builder();
 * GmeRecording gme = GmeRecording.builder().transport(builder.endpoint(endpoint).region(region).build()).build();
 * }</pre>
 *
 * <p>Defaults: endpoint {@code https://gme.tencentcloudapi.com}, connect timeout 5 s, request timeout 10 s, the
 * adapter's default credentials chain.
 *
 * @param <B> the adapter's own builder, so calls chain
 * @param <T> the transport it builds
 */
public abstract class TransportBuilder<B extends TransportBuilder<B, T>, T extends Transport> {

    public static final String DEFAULT_ENDPOINT = "https://gme.tencentcloudapi.com";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private String endpoint = DEFAULT_ENDPOINT;
    private boolean allowInsecureHttp;
    private String region;
    private String language;
    private CredentialsProvider credentials;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Path trustedCertificate;

    protected TransportBuilder() {
    }

    protected abstract B self();

    /**
     * Builds the transport.
     *
     * @throws IllegalArgumentException naming the setting when one is not acceptable (for example the endpoint, or a
     *     trusted certificate file that holds none)
     */
    public abstract T build();

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

    /**
     * Sent as {@code X-TC-Region}; not required by this action. Null or blank for none; otherwise a region id such as
     * {@code ap-guangzhou} (lower-case letters, digits and single hyphens, at most 64 characters).
     *
     * @throws IllegalArgumentException naming the value when it is not a region id
     */
    public B region(String region) {
        String trimmed = region == null ? "" : region.trim();
        if (!trimmed.isEmpty() && (trimmed.length() > 64 || !trimmed.matches("[a-z0-9]+(-[a-z0-9]+)*"))) {
            throw new IllegalArgumentException("region must be a region id such as ap-guangzhou (lower-case letters, "
                    + "digits and '-'), got " + Checks.quoted(region));
        }
        this.region = trimmed.isEmpty() ? null : trimmed;
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

    /**
     * Trust this server certificate (PEM or DER) instead of the JDK's authorities, for a test endpoint with a
     * self-signed one such as the emulator's {@code --tls}; verification, host name included, stays on. The file is
     * read by {@link #build()}.
     */
    public B trustCertificate(Path certificate) {
        this.trustedCertificate = Objects.requireNonNull(certificate, "certificate must not be null");
        return self();
    }

    /**
     * For adapters: the shared settings, validated.
     *
     * @throws IllegalArgumentException naming the endpoint when it is not acceptable
     */
    protected final ClientSettings settings() {
        return ClientSettings.of(endpoint, allowInsecureHttp, region, language, credentials, connectTimeout,
                requestTimeout, trustedCertificate);
    }

    /** For adapters' {@code toBuilder()}: starts again from the settings a query was built with. */
    protected final B from(ClientSettings settings) {
        this.endpoint = settings.endpoint().url();
        this.allowInsecureHttp = settings.allowInsecureHttp();
        this.region = settings.region();
        this.language = settings.language();
        this.credentials = settings.credentials();
        this.connectTimeout = settings.connectTimeout();
        this.requestTimeout = settings.requestTimeout();
        this.trustedCertificate = settings.trustedCertificate();
        return self();
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
