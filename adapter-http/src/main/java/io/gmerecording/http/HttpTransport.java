package io.gmerecording.http;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.TransportBuilder;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.spi.ClientSettings;
import io.gmerecording.core.spi.SecretRedaction;
import io.gmerecording.core.spi.ServiceEndpoint;
import io.gmerecording.credentials.CredentialsChain;
import io.gmerecording.credentials.internal.PlainHttpProbe;
import io.gmerecording.credentials.internal.SendableCredentials;
import io.gmerecording.credentials.internal.TrustedCertificate;
import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A {@link Transport} over the JDK's {@link HttpClient}, signed with our own {@link Tc3Signer}. Thread-safe: build
 * one per application, share it, and {@link #close()} it at shutdown. Every failure is a typed
 * {@link RecordingQueryException}; no {@code IOException}, Jackson exception or NPE escapes.
 *
 * <p>Defaults: endpoint {@code https://gme.tencentcloudapi.com}, credentials from {@link CredentialsChain#standard()},
 * connect timeout 5 s, request timeout 10 s, response cap 1 MiB, system UTC clock, no region, no language.
 */
public final class HttpTransport implements Transport {

    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    static final String ACTION = "DescribeRecordInfo";
    static final String VERSION = "2018-07-11";
    static final String SERVICE = "gme";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final int EXCERPT_CHARS = 200;
    private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());

    private final ClientSettings settings;
    private final ServiceEndpoint endpoint;
    private final String region;
    private final String language;
    private final CredentialsProvider credentials;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final Clock clock;
    private final HttpClient givenClient;
    private final TrustedCertificate trusted;
    private final ExchangeDeadlines deadlines = new ExchangeDeadlines();
    private final Tc3Signer signer = Tc3Signer.create();
    private volatile HttpClient client;

    private HttpTransport(Builder builder, ClientSettings settings) {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.region = settings.region();
        this.language = settings.language();
        this.credentials = settings.credentials() != null ? settings.credentials() : CredentialsChain.standard();
        this.requestTimeout = settings.requestTimeout();
        this.maxResponseBytes = builder.maxResponseBytes;
        this.clock = builder.clock;
        this.givenClient = builder.httpClient;
        this.trusted = settings.trustedCertificate() == null ? null
                : TrustedCertificate.load(settings.trustedCertificate());
        this.client = builder.httpClient != null ? builder.httpClient : newClient(settings, trusted);
    }

    private static HttpClient newClient(ClientSettings settings, TrustedCertificate trusted) {
        HttpClient.Builder client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trusted != null) {
            client.sslContext(trusted.sslContext());
        } else if (!settings.endpoint().isSecure()) {
            // plain http (the emulator on loopback): the client never uses TLS, so spare it the default context,
            // which reads every trusted authority (about 100 ms of a one-shot command)
            client.sslContext(PlainHttp.TRUSTS_NOBODY);
        }
        return client.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with every setting of this query, to build a variant of it. */
    public Builder toBuilder() {
        Builder again = new Builder().startingFrom(settings).maxResponseBytes(maxResponseBytes).clock(clock);
        return givenClient == null ? again : again.httpClient(givenClient);
    }

    /** "http". */
    @Override
    public String name() {
        return "http";
    }

    @Override
    public RecordingTask describe(TaskRef task) {
        Objects.requireNonNull(task, "task must not be null");
        return exchange(ACTION, EnvelopeReader.requestBody(task), (answer, redact) -> {
            RecordingTask result = EnvelopeReader.read(task, answer, redact);
            return new Answered<>(result, result.requestId());
        });
    }

    @Override
    public StartedRecording startRecord(RoomRef room, RecordMode mode, Subscription subscription) {
        return exchange("StartRecord", LifecycleCodec.startRequest(room, mode, subscription), (answer, redact) -> {
            StartedRecording started = LifecycleCodec.readStart(room, answer, redact);
            return new Answered<>(started, started.requestId());
        });
    }

    @Override
    public String stopRecord(TaskRef task) {
        return exchange("StopRecord", LifecycleCodec.stopRequest(task), (answer, redact) -> {
            String requestId = LifecycleCodec.readStop(answer, redact);
            return new Answered<>(requestId, requestId);
        });
    }

    @Override
    public String modifyRecordInfo(TaskRef task, RecordMode mode, Subscription subscription) {
        return exchange("ModifyRecordInfo", LifecycleCodec.modifyRequest(task, mode, subscription),
                (answer, redact) -> {
                    String requestId = LifecycleCodec.readModify(answer, redact);
                    return new Answered<>(requestId, requestId);
                });
    }

    @Override
    public RoomTask describeTaskInfo(RoomRef room) {
        return exchange("DescribeTaskInfo", LifecycleCodec.taskInfoRequest(room), (answer, redact) -> {
            RoomTask task = LifecycleCodec.readTaskInfo(room, answer, redact);
            return new Answered<>(task, task.requestId());
        });
    }

    /** An answer read, with its RequestId for the debug log. */
    private static final class Answered<T> {
        final T value;
        final String requestId;

        Answered(T value, String requestId) {
            this.value = value;
            this.requestId = requestId;
        }
    }

    /** Reads a 200 answer's body; the server's messages go through the redaction it is given. */
    private interface AnswerReader<T> {
        Answered<T> read(byte[] answer, UnaryOperator<String> redact);
    }

    /** One signed POST of {@code action}: the checks every answer needs, then {@code reader} on a 200 body. */
    private <T> T exchange(String action, byte[] body, AnswerReader<T> reader) {
        HttpClient open = client;
        if (open == null) {
            throw ErrorCodes.closed(this + " is closed");
        }
        Credentials current = SendableCredentials.check(credentials.resolve());
        HttpRequest request = sign(current, action, body);
        long started = System.nanoTime();
        BoundedBody bounded = new BoundedBody(maxResponseBytes);
        HttpResponse<byte[]> response = send(open, request, bounded, current);
        try {
            byte[] answer = response.body();
            if (bounded.tooLarge() != null) {
                throw ErrorCodes.responseTooLarge("the answer from " + endpoint + " is too large ("
                        + bounded.tooLarge() + "; the cap is " + maxResponseBytes + " bytes, see maxResponseBytes)");
            }
            if (response.statusCode() != 200) {
                throw ErrorCodes.httpStatus(response.statusCode(), "HTTP " + response.statusCode() + " from "
                        + endpoint + ": " + SecretRedaction.redact(excerpt(answer), current));
            }
            Answered<T> result = reader.read(answer, text -> SecretRedaction.redact(text, current));
            log(action, response.statusCode(), "requestId=" + result.requestId, started);
            return result.value;
        } catch (RecordingQueryException e) {
            log(action, response.statusCode(), "requestId=" + e.requestId().orElse("-") + " error=" + e.code(),
                    started);
            throw e;
        }
    }

    private HttpRequest sign(Credentials current, String action, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        Tc3Request toSign = Tc3Request.builder()
                .service(SERVICE)
                .timestamp(timestamp)
                .contentType(CONTENT_TYPE)
                .host(endpoint.hostHeader())
                .payload(body)
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(requestTimeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("Authorization", signer.authorization(current.secretId(), current.secretKey(), toSign))
                .header("X-TC-Action", action)
                .header("X-TC-Version", VERSION)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("X-TC-RequestClient", ClientVersion.REQUEST_CLIENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (region != null) {
            request.header("X-TC-Region", region);
        }
        if (language != null) {
            request.header("X-TC-Language", language);
        }
        current.token().ifPresent(token -> request.header("X-TC-Token", token));
        return request.build();
    }

    /**
     * The whole exchange within the request timeout: the client's own timeout covers the wait for the headers, and
     * {@link ExchangeDeadlines} the body (a server that stalls mid-body would otherwise hold the caller forever).
     */
    private HttpResponse<byte[]> send(HttpClient open, HttpRequest request, BoundedBody body,
            Credentials current) {
        ExchangeDeadlines.Exchange exchange = deadlines.begin(requestTimeout.toNanos());
        try (exchange) { // closed before a catch clause runs: an interrupt of ours is cleared by then
            return open.send(request, body);
        } catch (InterruptedException e) {
            if (exchange.expired()) {
                throw timeout(noAnswerWithinTheTimeout(), e);
            }
            Thread.currentThread().interrupt();
            throw ErrorCodes.interrupted("interrupted while waiting for " + endpoint, e);
        } catch (IOException | RuntimeException e) {
            throw failure(e, current);
        }
    }

    private String noAnswerWithinTheTimeout() {
        return "no answer from " + endpoint + " within " + requestTimeout.toMillis() + " ms";
    }

    /** A timeout, or what it hides: the TLS handshake to a plain-http server, which never answers it. */
    private RecordingQueryException timeout(String message, Throwable cause) {
        if (endpoint.isSecure() && PlainHttpProbe.answersPlainHttp(endpoint.host(), endpoint.port(),
                settings.connectTimeout())) {
            return ErrorCodes.connectionFailed(PlainHttpProbe.plainHttpOnHttps(endpoint.toString()), cause);
        }
        return ErrorCodes.timeout(message, cause);
    }

    private RecordingQueryException failure(Throwable cause, Credentials current) {
        if (cause instanceof HttpConnectTimeoutException) {
            return timeout("no connection to " + endpoint + " within the connect timeout", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timeout(noAnswerWithinTheTimeout(), cause);
        }
        if (cause instanceof ConnectException) {
            return ErrorCodes.connectionFailed("cannot connect to " + endpoint + " ("
                    + cause.getClass().getSimpleName() + ")", cause);
        }
        // an IOException (reset, closed early, bad status line) or anything else the client reports; only an
        // IOException is kept as the cause: what else a library throws may quote the request it was given
        return ErrorCodes.connectionFailed("exchange with " + endpoint + " failed: "
                + SecretRedaction.redact(safeMessage(cause), current), cause instanceof IOException ? cause : null);
    }

    /** A short printable excerpt of a non-200 body: control characters dropped, white space folded. */
    static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}\\s]+", " ")
                .trim();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "..." : text;
    }

    private static String safeMessage(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** Debug only: endpoint, action, status, RequestId or error code, time; never credentials or signatures. */
    private void log(String action, int status, String outcome, long startedNanos) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "POST {0} action={1} status={2} {3} in {4} ms",
                    endpoint, action, status, outcome, (System.nanoTime() - startedNanos) / 1_000_000);
        }
    }

    /**
     * Ends the exchange-deadline thread and, when this query built its own {@link HttpClient}, releases it: closed at
     * once on Java 21 and later (where the client is {@code AutoCloseable}); on Java 11 to 20 its selector thread ends
     * once the client is unreachable. A client given to the builder is left open for its owner. Later calls to
     * {@link #describe} fail with {@code Client.Closed}. Idempotent.
     */
    @Override
    public void close() {
        HttpClient open = client;
        client = null;
        deadlines.close();
        if (open != givenClient && open instanceof AutoCloseable) {
            try {
                ((AutoCloseable) open).close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing the HTTP client failed: {0}", e.getClass().getName());
            }
        }
    }

    /** The exchange-deadline sweeper, for tests. */
    ExchangeDeadlines deadlines() {
        return deadlines;
    }

    @Override
    public String toString() {
        return "HttpTransport[endpoint=" + endpoint + (region == null ? "" : ", region=" + region)
                + ", requestTimeout=" + requestTimeout + "]";
    }

    /** Configures an {@link HttpTransport}; every setting has a default. */
    public static final class Builder extends TransportBuilder<Builder, HttpTransport> {
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        private Builder startingFrom(ClientSettings settings) {
            return from(settings);
        }

        /** Answers larger than this are refused without being read in full. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive, got " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The clock of X-TC-Timestamp; the service rejects more than 5 minutes of skew. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Use this client instead of building one (share a connection pool, a proxy, an SSL context); the connect
         * timeout and the trusted certificate are then the client's own.
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient must not be null");
            return this;
        }

        /** @throws IllegalArgumentException naming the setting when the endpoint is not acceptable */
        @Override
        public HttpTransport build() {
            return new HttpTransport(this, settings());
        }
    }
}
