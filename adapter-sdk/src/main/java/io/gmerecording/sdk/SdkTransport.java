package io.gmerecording.sdk;

import com.tencentcloudapi.common.AbstractModel;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.common.profile.Language;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoResponse;
import com.tencentcloudapi.gme.v20180711.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.ModifyRecordInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.StartRecordRequest;
import com.tencentcloudapi.gme.v20180711.models.StopRecordRequest;
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
import io.gmerecording.mapping.SpecMapping;
import io.gmerecording.spec.json.SpecJson;
import io.gmerecording.spec.model.DescribeRecordInfoRequestJson;
import io.gmerecording.spec.model.DescribeRecordInfoResponseJson;
import io.gmerecording.spec.model.DescribeTaskInfoRequestJson;
import io.gmerecording.spec.model.DescribeTaskInfoResponseJson;
import io.gmerecording.spec.model.ModifyRecordInfoRequestJson;
import io.gmerecording.spec.model.StartRecordRequestJson;
import io.gmerecording.spec.model.StartRecordResponseJson;
import io.gmerecording.spec.model.StopRecordRequestJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;

/**
 * A {@link Transport} over the official SDK's {@code GmeClient}, for teams that already run the SDK. It absorbs the
 * SDK's sharp edges so the application sees exactly what {@code HttpTransport} would give it: raw NPEs on empty
 * bodies, Gson errors, {@code ServerSideError} for any non-200, network failures with a null code. SDK types stay
 * inside; the only ones in the public API are the two documented builder hooks {@link Builder#sdkCredential} and
 * {@link Builder#sdkClientProfile}. The SDK's debug logging is always switched off: it prints Authorization.
 *
 * <p>Thread-safe: build one per application, share it, and {@link #close()} it at shutdown. One {@code GmeClient} is
 * kept per distinct credentials, so rotation through a provider works. okhttp's silent retry of failed connections
 * is switched off (see {@link SdkConnections}), so that the retry policy in core is the only one deciding how often a
 * request is sent. A {@code ClientProfile} given to the builder is copied, never changed.
 */
public final class SdkTransport implements Transport {

    private static final Pattern STATUS = Pattern.compile("response code is (\\d{3})");

    private final ClientSettings settings;
    private final ServiceEndpoint endpoint;
    private final String region;
    private final CredentialsProvider credentials;
    private final Credential sdkCredential;
    private final ClientProfile givenProfile;
    private final ClientProfile profile;
    private final ConnectionPool pool = new ConnectionPool();
    private volatile ClientFor current;
    private volatile boolean closed;

    private SdkTransport(Builder builder, ClientSettings settings) {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.region = settings.region() == null ? "" : settings.region();
        this.sdkCredential = builder.sdkCredential;
        // the same default as adapter-http: the standard chain, unless the SDK hook gave a Credential
        this.credentials = settings.credentials() != null || sdkCredential != null ? settings.credentials()
                : CredentialsChain.standard();
        this.givenProfile = builder.profile;
        this.profile = builder.profile != null ? copy(builder.profile) : new ClientProfile();
        HttpProfile http = profile.getHttpProfile();
        http.setEndpoint(endpoint.hostHeader());
        http.setProtocol(endpoint.isSecure() ? HttpProfile.REQ_HTTPS : HttpProfile.REQ_HTTP);
        http.setReqMethod(HttpProfile.REQ_POST);
        http.setConnTimeout(seconds(settings.connectTimeout()));
        http.setReadTimeout(seconds(settings.requestTimeout()));
        http.setWriteTimeout(seconds(settings.requestTimeout()));
        if (settings.trustedCertificate() != null) {
            TrustedCertificate trusted = TrustedCertificate.load(settings.trustedCertificate());
            http.setSslSocketFactory(trusted.sslContext().getSocketFactory());
            http.setX509TrustManager(trusted.trustManager());
        }
        profile.setSignMethod(ClientProfile.SIGN_TC3_256);
        profile.setDebug(false);
        if (settings.language() != null) {
            profile.setLanguage(settings.language().equals("en-US") ? Language.EN_US : Language.ZH_CN);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with every setting of this query, to build a variant of it. */
    public Builder toBuilder() {
        Builder again = new Builder().startingFrom(settings);
        if (sdkCredential != null) {
            again.sdkCredential(sdkCredential);
        }
        return givenProfile == null ? again : again.sdkClientProfile(givenProfile);
    }

    /** A copy of the caller's profile, its HttpProfile included, so this query's settings never change theirs. */
    private static ClientProfile copy(ClientProfile given) {
        HttpProfile from = given.getHttpProfile();
        HttpProfile http = new HttpProfile();
        http.setReqMethod(from.getReqMethod());
        http.setEndpoint(from.getEndpoint());
        http.setRootDomain(from.getRootDomain());
        http.setProtocol(from.getProtocol());
        http.setReadTimeout(from.getReadTimeout());
        http.setWriteTimeout(from.getWriteTimeout());
        http.setConnTimeout(from.getConnTimeout());
        http.setProxyHost(from.getProxyHost());
        http.setProxyPort(from.getProxyPort());
        http.setProxyUsername(from.getProxyUsername());
        http.setProxyPassword(from.getProxyPassword());
        http.setSslSocketFactory(from.getSslSocketFactory());
        http.setX509TrustManager(from.getX509TrustManager());
        http.setHostnameVerifier(from.getHostnameVerifier());
        http.setApigwEndpoint(from.getApigwEndpoint());
        ClientProfile profile = new ClientProfile(given.getSignMethod(), http);
        profile.setUnsignedPayload(given.isUnsignedPayload());
        profile.setLanguage(given.getLanguage());
        profile.setDebug(given.isDebug());
        profile.setBackupEndpoint(given.getBackupEndpoint());
        return profile;
    }

    /** "sdk". */
    @Override
    public String name() {
        return "sdk";
    }

    @Override
    public RecordingTask describe(TaskRef task) {
        Objects.requireNonNull(task, "task must not be null");
        DescribeRecordInfoRequest request = toSdk(SpecMapping.describeRecordInfo(task),
                DescribeRecordInfoRequestJson::write, DescribeRecordInfoRequest.class);
        return toDomain(task, call(client -> client.DescribeRecordInfo(request)));
    }

    @Override
    public StartedRecording startRecord(RoomRef room, RecordMode mode, Subscription subscription) {
        StartRecordRequest request = toSdk(SpecMapping.startRecord(room, mode, subscription),
                StartRecordRequestJson::write, StartRecordRequest.class);
        return SpecMapping.started(room, fromSdk(call(client -> client.StartRecord(request)),
                StartRecordResponseJson::read));
    }

    @Override
    public String stopRecord(TaskRef task) {
        StopRecordRequest request = toSdk(SpecMapping.stopRecord(task), StopRecordRequestJson::write,
                StopRecordRequest.class);
        return SpecMapping.requestId(call(client -> client.StopRecord(request)).getRequestId());
    }

    @Override
    public String modifyRecordInfo(TaskRef task, RecordMode mode, Subscription subscription) {
        ModifyRecordInfoRequest request = toSdk(SpecMapping.modifyRecordInfo(task, mode, subscription),
                ModifyRecordInfoRequestJson::write, ModifyRecordInfoRequest.class);
        return SpecMapping.requestId(call(client -> client.ModifyRecordInfo(request)).getRequestId());
    }

    @Override
    public RoomTask describeTaskInfo(RoomRef room) {
        DescribeTaskInfoRequest request = toSdk(SpecMapping.describeTaskInfo(room),
                DescribeTaskInfoRequestJson::write, DescribeTaskInfoRequest.class);
        return SpecMapping.roomTask(room, fromSdk(call(client -> client.DescribeTaskInfo(request)),
                DescribeTaskInfoResponseJson::read));
    }

    static RecordingTask toDomain(TaskRef task, DescribeRecordInfoResponse response) {
        return SpecMapping.recordingTask(task, fromSdk(response, DescribeRecordInfoResponseJson::read));
    }

    /**
     * The SDK's request model for a generated one: both are the wire's JSON, so the SDK reads what our writer wrote
     * and every property of the spec reaches it with no code here (one the SDK's model lacks is dropped, as its drift
     * test reports).
     */
    private static <M, S> S toSdk(M model, SpecJson.ValueWriter<M> writer, Class<S> sdkType) {
        return AbstractModel.fromJsonString(new String(SpecJson.write(model, writer), StandardCharsets.UTF_8),
                sdkType);
    }

    /** The generated model of an SDK answer, read from the JSON the SDK makes of it. */
    private static <M> M fromSdk(AbstractModel answer, SpecJson.ValueReader<M> reader) {
        try {
            return SpecJson.read(AbstractModel.toJsonString(answer).getBytes(StandardCharsets.UTF_8), reader);
        } catch (IOException e) {
            throw ErrorCodes.malformedResponse("the official SDK's model of the answer is not the spec's ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** One SDK call: closed, credentials, and every way the SDK reports a failure, as a typed exception. */
    private <R> R call(SdkCall<R> action) {
        if (closed) {
            throw ErrorCodes.closed(this + " is closed");
        }
        GmeClient client = client();
        try {
            return action.on(client);
        } catch (TencentCloudSDKException e) {
            throw translate(e, sentWith(client));
        } catch (RecordingQueryException e) {
            throw e;
        } catch (RuntimeException e) {
            // the SDK leaks NullPointerException (empty body, no Response) and Gson exceptions (not JSON)
            // not kept as the cause: Gson's message quotes the body, which may echo the request's secrets
            throw ErrorCodes.malformedResponse("the official SDK could not read the answer from " + endpoint + " ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** A GmeClient call, which throws the SDK's checked exception. */
    private interface SdkCall<R> {
        R on(GmeClient client) throws TencentCloudSDKException;
    }

    private RecordingQueryException translate(TencentCloudSDKException e, Credentials sent) {
        String code = e.getErrorCode();
        Throwable cause = e.getCause();
        if ("ServerSideError".equals(code)) {
            Matcher status = STATUS.matcher(String.valueOf(e.getMessage()));
            if (status.find()) {
                int value = Integer.parseInt(status.group(1));
                return ErrorCodes.httpStatus(value, "HTTP " + value + " from " + endpoint
                        + " (the official SDK discards the body)");
            }
            return ErrorCodes.malformedResponse("the official SDK reported a server-side error from " + endpoint, null);
        }
        if (code == null || code.isEmpty()) {
            // okhttp reports both its timeouts and an interrupted caller as InterruptedIOException
            if (cause instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                return ErrorCodes.interrupted("interrupted while waiting for " + endpoint, cause);
            }
            if (cause instanceof InterruptedIOException) {
                // okhttp's read timeout covers the TLS handshake, which a plain-http server never answers
                if (endpoint.isSecure() && PlainHttpProbe.answersPlainHttp(endpoint.host(), endpoint.port(),
                        settings.connectTimeout())) {
                    return ErrorCodes.connectionFailed(PlainHttpProbe.plainHttpOnHttps(endpoint.toString()), cause);
                }
                return ErrorCodes.timeout("no answer from " + endpoint + " within the timeout", cause);
            }
            if (cause instanceof ConnectException) {
                return ErrorCodes.connectionFailed("cannot connect to " + endpoint + " ("
                        + cause.getClass().getSimpleName() + ")", cause);
            }
            if (cause instanceof IOException) {
                return ErrorCodes.connectionFailed("exchange with " + endpoint + " failed: "
                        + SecretRedaction.redact(cause.getClass().getSimpleName() + " " + cause.getMessage(), sent), cause);
            }
            return ErrorCodes.malformedResponse("the official SDK could not read the answer from " + endpoint, null);
        }
        return ErrorCodes.exception(code, SecretRedaction.redact(e.getMessage(), sent), blankToNull(e.getRequestId()));
    }

    private GmeClient client() {
        Credentials wanted = credentials == null ? null : SendableCredentials.check(credentials.resolve());
        ClientFor cached = current;
        if (cached != null && Objects.equals(cached.credentials, wanted)) {
            return cached.client;
        }
        Credential credential = wanted == null ? sdkCredential : wanted.token().isPresent()
                ? new Credential(wanted.secretId(), wanted.secretKey(), wanted.token().get())
                : new Credential(wanted.secretId(), wanted.secretKey());
        GmeClient client = new GmeClient(credential, region, profile);
        SdkConnections.adjust(client, pool);
        ClientFor created = new ClientFor(wanted, client);
        current = created;
        return created.client;
    }

    /**
     * Closes this query's pooled connections, so the pool's cleanup thread ends too; later calls to {@link #describe}
     * fail with {@code Client.Closed}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        current = null;
        pool.evictAll();
    }

    /** The credentials the client signs with, for redacting what comes back; null for the SDK hook's Credential. */
    private Credentials sentWith(GmeClient client) {
        ClientFor cached = current;
        return cached != null && cached.client == client ? cached.credentials : null;
    }

    /** The SDK client in use, or null before the first call or after close (for tests). */
    GmeClient currentClient() {
        ClientFor cached = current;
        return cached == null ? null : cached.client;
    }

    private static int seconds(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "SdkTransport[endpoint=" + endpoint + (region.isEmpty() ? "" : ", region=" + region) + "]";
    }

    private static final class ClientFor {
        final Credentials credentials;
        final GmeClient client;

        ClientFor(Credentials credentials, GmeClient client) {
            this.credentials = credentials;
            this.client = client;
        }
    }

    /**
     * Configures an {@link SdkTransport}; every setting has a default (credentials: the standard
     * {@link CredentialsChain}, as for adapter-http).
     */
    public static final class Builder extends TransportBuilder<Builder, SdkTransport> {
        private Credential sdkCredential;
        private ClientProfile profile;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        private Builder startingFrom(ClientSettings settings) {
            return from(settings);
        }

        /** Hook: use a {@code Credential} the application already built for the SDK. */
        public Builder sdkCredential(Credential credential) {
            this.sdkCredential = Objects.requireNonNull(credential, "credential must not be null");
            return this;
        }

        /**
         * Hook: start from a copy of the application's own {@code ClientProfile} (proxy, SSL, root domain). Endpoint,
         * protocol, timeouts, TC3 signing and debug-off are still set from this builder, on the copy.
         */
        public Builder sdkClientProfile(ClientProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile must not be null");
            return this;
        }

        /** Timeouts are rounded up to whole seconds, the SDK's unit. */
        @Override
        public SdkTransport build() {
            return new SdkTransport(this, settings());
        }
    }
}
