package io.gmerecording.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoRequest;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.error.TransportException;
import io.gmerecording.credentials.CredentialsChain;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each sharp edge of the official SDK, first as the raw SDK shows it (so a future SDK that changes is noticed), then
 * as {@link SdkTransport} turns it into the domain taxonomy.
 */
class SdkFailureModesTest {

    private static final TaskRef TASK = TaskRef.of(3400352518L, 446192236330927912L);
    /**
     * The raw SDK leaves the body of a non-200 answer open, one of the edges shown here; okhttp warns about each
     * leaked connection when the garbage collector finds it, possibly later in this JVM. Our adapter closes those
     * bodies ({@link #ourAdapterLeavesNoConnectionBusyAfterANon200}), so only the raw SDK's warnings are silenced.
     */
    private static final Logger OKHTTP_LOG = Logger.getLogger(OkHttpClient.class.getName());

    static {
        OKHTTP_LOG.setLevel(Level.OFF);
    }

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void answer(int status, String body) {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private Throwable rawSdkFailure() {
        GmeClient client = rawClient();
        return catchThrowable(() -> client.DescribeRecordInfo(seedRequest()));
    }

    private static DescribeRecordInfoRequest seedRequest() {
        DescribeRecordInfoRequest request = new DescribeRecordInfoRequest();
        request.setTaskId(TASK.taskId());
        request.setBizId(TASK.bizId());
        return request;
    }

    private GmeClient rawClient() {
        HttpProfile http = new HttpProfile();
        http.setEndpoint("127.0.0.1:" + server.port());
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setReadTimeout(1);
        return new GmeClient(new Credential("AKIDraw", "raw-key"), "", new ClientProfile(
                ClientProfile.SIGN_TC3_256, http));
    }

    private RecordingQueryException ours() {
        SdkTransport query = SdkTransport.builder().endpoint("http://127.0.0.1:" + server.port())
                .credentials(Credentials.of("AKIDours", "our-key")).requestTimeout(Duration.ofSeconds(1)).build();
        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class, () -> query.describe(TASK));
        assertThat(error).as("a domain exception").isNotNull();
        return error;
    }

    @Test
    void apiErrorKeepsCodeAndRequestId() {
        answer(200, "{\"Response\":{\"Error\":{\"Code\":\"ResourceNotFound.TaskNotFound\",\"Message\":\"no task\"},"
                + "\"RequestId\":\"req-sdk-1\"}}");

        TencentCloudSDKException raw = (TencentCloudSDKException) rawSdkFailure();
        assertThat(raw.getErrorCode()).isEqualTo("ResourceNotFound.TaskNotFound");
        assertThat(raw.getRequestId()).isEqualTo("req-sdk-1");

        RecordingQueryException error = ours();
        assertThat(error).isExactlyInstanceOf(TaskNotFoundException.class);
        assertThat(error.code()).isEqualTo("ResourceNotFound.TaskNotFound");
        assertThat(error.requestId()).contains("req-sdk-1");
    }

    @Test
    void serverSideErrorBecomesAnHttpStatusError() {
        answer(502, "<html>bad gateway</html>");

        TencentCloudSDKException raw = (TencentCloudSDKException) rawSdkFailure();
        assertThat(raw.getErrorCode()).isEqualTo("ServerSideError");
        assertThat(raw.getMessage()).doesNotContain("bad gateway");

        RecordingQueryException error = ours();
        assertThat(error).isExactlyInstanceOf(TransportException.class);
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_HTTP_STATUS);
        assertThat(((TransportException) error).httpStatus()).hasValue(502);
        assertThat(error.requestId()).isEmpty();
        assertThat(error.isRetryable()).isTrue();
    }

    @Test
    void networkFailureWithNullCodeBecomesAConnectionFailure() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TencentCloudSDKException raw = (TencentCloudSDKException) rawSdkFailure();
        assertThat(raw.getErrorCode()).isNull();
        assertThat(raw.getCause()).isInstanceOf(IOException.class);

        RecordingQueryException error = ours();
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_CONNECTION_FAILED);
        assertThat(error.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void aReadTimeoutBecomesATimeout() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody("{}").withFixedDelay(2500)));

        TencentCloudSDKException raw = (TencentCloudSDKException) rawSdkFailure();
        assertThat(raw.getErrorCode()).isNull();
        assertThat(raw.getCause()).isInstanceOf(SocketTimeoutException.class);

        assertThat(ours().code()).isEqualTo(ErrorCodes.TRANSPORT_TIMEOUT);
    }

    @Test
    void gsonFailureOnANonJsonBodyBecomesAMalformedResponse() {
        answer(200, "<html>not json</html>");

        Throwable raw = rawSdkFailure();
        assertThat(raw).satisfiesAnyOf(
                t -> assertThat(t.getClass().getName()).startsWith("com.google.gson"),
                t -> assertThat(((TencentCloudSDKException) t).getErrorCode()).isNull());

        RecordingQueryException error = ours();
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_MALFORMED_RESPONSE);
        assertThat(error.requestId()).isEmpty();
    }

    @Test
    void rawNullPointerOnAnEmptyBodyBecomesAMalformedResponse() {
        answer(200, "");

        assertThat(rawSdkFailure()).isInstanceOf(NullPointerException.class);

        assertThat(ours().code()).isEqualTo(ErrorCodes.TRANSPORT_MALFORMED_RESPONSE);
    }

    @Test
    void rawNullPointerOnABodyWithoutResponseBecomesAMalformedResponse() {
        answer(200, "{\"NotResponse\":{}}");

        assertThat(rawSdkFailure()).isInstanceOf(NullPointerException.class);

        assertThat(ours().code()).isEqualTo(ErrorCodes.TRANSPORT_MALFORMED_RESPONSE);
    }

    @Test
    void okhttpsSilentRetryIsSwitchedOffSoOneCallIsOneRequest() {
        GmeClient raw = rawClient();
        SdkTransport ours = SdkTransport.builder().endpoint("http://127.0.0.1:" + server.port())
                .credentials(Credentials.of("AKIDours", "our-key")).build();
        // a successful call leaves a kept-alive connection in okhttp's pool; the next call fails on it
        answer(200, "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RequestId\":\"r\"}}");
        catchThrowable(() -> raw.DescribeRecordInfo(seedRequest()));
        ours.describe(TASK);
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        server.resetRequests();
        catchThrowable(() -> raw.DescribeRecordInfo(seedRequest()));
        int rawRequests = server.getAllServeEvents().size();
        server.resetRequests();
        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class, () -> ours.describe(TASK));

        assertThat(rawRequests).as("the raw SDK resends when a pooled connection fails").isGreaterThan(1);
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_CONNECTION_FAILED);
        assertThat(SdkConnections.adjust(new GmeClient(new Credential("a", "b"), ""), new ConnectionPool())).isTrue();
    }

    @Test
    void ourAdapterLeavesNoConnectionBusyAfterANon200() throws Exception {
        answer(502, "<html>bad gateway</html>");
        SdkTransport query = SdkTransport.builder().endpoint("http://127.0.0.1:" + server.port())
                .credentials(Credentials.of("AKIDleak", "leak-key")).build();

        catchThrowable(() -> query.describe(TASK));
        catchThrowable(() -> query.describe(TASK));

        ConnectionPool pool = SdkConnections.okhttp(query.currentClient()).connectionPool();
        assertThat(pool.connectionCount() - pool.idleConnectionCount()).as("connections still held").isZero();
        query.close();
    }

    @Test
    void withNoCredentialsGivenTheStandardChainIsUsedAsInAdapterHttp() {
        answer(200, "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RequestId\":\"r\"}}");
        SdkTransport query = SdkTransport.builder().endpoint("http://127.0.0.1:" + server.port()).build();
        Throwable standard = catchThrowable(() -> CredentialsChain.standard().resolve());

        Throwable ours = catchThrowable(() -> query.describe(TASK));

        if (standard == null) { // this machine has credentials: the request is signed with the chain's
            assertThat(ours).isNull();
            assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                    .contains("Credential=" + CredentialsChain.standard().resolve().secretId() + "/");
        } else {
            assertThat(ours).isInstanceOf(CredentialsException.class).hasMessage(standard.getMessage())
                    .hasMessageContaining("TENCENTCLOUD_SECRET_ID");
        }
        query.close();
    }

    @Test
    void rotatedCredentialsFromAProviderAreUsed() {
        answer(200, "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RequestId\":\"r\"}}");
        Credentials[] current = {Credentials.of("AKIDfirst", "k1")};
        SdkTransport query = SdkTransport.builder().endpoint("http://127.0.0.1:" + server.port())
                .credentialsProvider(() -> current[0]).build();

        RecordingTask first = query.describe(TASK);
        current[0] = Credentials.of("AKIDsecond", "k2");
        query.describe(TASK);

        assertThat(first.roomId()).isEqualTo("1");
        assertThat(server.getAllServeEvents()).extracting(event -> event.getRequest().getHeader("Authorization"))
                .anySatisfy(auth -> assertThat(auth).contains("Credential=AKIDfirst/"))
                .anySatisfy(auth -> assertThat(auth).contains("Credential=AKIDsecond/"));
    }

    @Test
    void theSdkCredentialHookIsUsedAndMissingCredentialsAreNamed() {
        answer(200, "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RequestId\":\"r\"}}");

        SdkTransport.builder().endpoint("http://127.0.0.1:" + server.port())
                .sdkCredential(new Credential("AKIDhook", "hook-key")).build().describe(TASK);

        assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                .contains("Credential=AKIDhook/");
        assertThat(catchThrowable(() -> SdkTransport.builder().endpoint("http://example.com")
                .credentials(Credentials.of("a", "b")).build())).hasMessageContaining("allowInsecureHttp");
    }
}
