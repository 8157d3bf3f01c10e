package io.gmerecording.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.AccessDeniedException;
import io.gmerecording.core.error.AuthenticationException;
import io.gmerecording.core.error.CancelledException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.InvalidRequestException;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.ServiceFailureException;
import io.gmerecording.core.error.ServiceNotActivatedException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.error.ThrottledException;
import io.gmerecording.core.error.TransportException;
import io.gmerecording.core.error.UnrecognizedErrorException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Transport} adapter must do, given the same answers on the wire: equal domain values and the
 * same exception types. An adapter's test extends this class and says how to build the adapter for an endpoint.
 */
public abstract class RecordingQueryContract extends WireMockContract {

    protected static final Credentials CREDENTIALS = Credentials.of("AKIDcontract0000", "contract-secret-key");
    protected static final TaskRef SEED_TASK = TaskRef.of(3400352518L, 446192236330927912L);
    protected static final String SEED_REQUEST_ID = "h9167d24-a2c6-1125-a5bd-5c023ba721c2";
    protected static final String SEED_BODY = "{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":1,\"RecordInfo\":["
            + "{\"RecordStatus\":2,\"RecordBeginTime\":1234567868,\"UserId\":\"6787\","
            + "\"FileName\":\"/3400352518_2314_447947346201176660_9081\"}],"
            + "\"RequestId\":\"h9167d24-a2c6-1125-a5bd-5c023ba721c2\"}}";

    protected RecordingQueryContract(ContractTransport transports) {
        super(transports);
    }

    protected Transport query() {
        return newTransport(endpoint(), CREDENTIALS, Duration.ofSeconds(5));
    }

    protected void answer(String body) {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    protected static String errorBody(String code, String requestId) {
        return "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"message for " + code + "\"},"
                + "\"RequestId\":\"" + requestId + "\"}}";
    }

    @Test
    void describesTheSeedTaskExactly() {
        answer(SEED_BODY);

        RecordingTask task = query().describe(SEED_TASK);

        assertThat(task).isEqualTo(RecordingTask.of(SEED_TASK, "7743", 1, Collections.singletonList(Recording.of(
                "6787", "/3400352518_2314_447947346201176660_9081", Instant.parse("2009-02-13T23:31:08Z"), 2)),
                SEED_REQUEST_ID));
        assertThat(task.recordMode()).isEqualTo(RecordMode.SINGLE_STREAM);
        assertThat(task.recordings().get(0).status()).isEqualTo(RecordStatus.RECORDING);
    }

    @Test
    void sendsTheActionVersionContentTypeAndASignatureForTheTask() {
        answer(SEED_BODY);

        query().describe(SEED_TASK);

        server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-TC-Action", equalTo("DescribeRecordInfo"))
                .withHeader("X-TC-Version", equalTo("2018-07-11"))
                .withHeader("X-TC-Timestamp", matching("[0-9]{10}"))
                // Jetty under WireMock re-spells the charset as UTF-8; the exact bytes are asserted per adapter
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withHeader("Authorization", matching("TC3-HMAC-SHA256 Credential=AKIDcontract0000/"
                        + "[0-9]{4}-[0-9]{2}-[0-9]{2}/[a-z0-9]+/tc3_request, SignedHeaders=content-type;host, "
                        + "Signature=[0-9a-f]{64}"))
                .withRequestBody(matching(".*\"TaskId\":446192236330927912[,}].*"))
                .withRequestBody(matching(".*\"BizId\":3400352518[,}].*")));
    }

    @Test
    void sendsIdsAboveTwoToTheFiftyThirdExactly() {
        answer(SEED_BODY.replace("3400352518", "9007199254740993"));

        RecordingTask task = query().describe(TaskRef.of(9223372036854775807L, 9007199254740993L));

        assertThat(task.ref()).isEqualTo(TaskRef.of(9223372036854775807L, 9007199254740993L));
        server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matching(".*\"TaskId\":9007199254740993[,}].*"))
                .withRequestBody(matching(".*\"BizId\":9223372036854775807[,}].*")));
    }

    @Test
    void nullRecordInfoMeansNoRecordings() {
        answer("{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":2,\"RecordInfo\":null,\"RequestId\":\"r-null\"}}");

        RecordingTask task = query().describe(SEED_TASK);

        assertThat(task).isEqualTo(RecordingTask.of(SEED_TASK, "7743", 2, Collections.emptyList(), "r-null"));
    }

    @Test
    void absentRecordInfoMeansNoRecordings() {
        answer("{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":3,\"RequestId\":\"r-absent\"}}");

        assertThat(query().describe(SEED_TASK))
                .isEqualTo(RecordingTask.of(SEED_TASK, "7743", 3, Collections.emptyList(), "r-absent"));
    }

    @Test
    void unknownCodesAreKeptAsUnrecognizedAndUnknownFieldsIgnored() {
        answer("{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":9,\"NewField\":{\"x\":[1,2]},\"RecordInfo\":["
                + "{\"RecordStatus\":99,\"RecordBeginTime\":1700000000,\"UserId\":\"0\",\"FileName\":\"mix.mp3\","
                + "\"Extra\":true}],\"RequestId\":\"r-unknown\"}}");

        RecordingTask task = query().describe(SEED_TASK);

        assertThat(task.recordMode()).isEqualTo(RecordMode.UNRECOGNIZED);
        assertThat(task.recordModeCode()).isEqualTo(9);
        assertThat(task.recordings()).containsExactly(
                Recording.of("0", "mix.mp3", Instant.ofEpochSecond(1700000000L), 99));
        assertThat(task.recordings().get(0).status()).isEqualTo(RecordStatus.UNRECOGNIZED);
    }

    static Stream<Arguments> apiErrors() {
        return Stream.of(
                Arguments.of("InternalError", ServiceFailureException.class, true),
                Arguments.of("InvalidParameter", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue.InvalidBizId", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue.InvalidTaskId", InvalidRequestException.class, false),
                Arguments.of("ResourceNotFound.TaskNotFound", TaskNotFoundException.class, false),
                Arguments.of("UnauthorizedOperation", AccessDeniedException.class, false),
                Arguments.of("UnsupportedOperation", InvalidRequestException.class, false),
                Arguments.of("UnsupportedOperation.ServiceNotOpened", ServiceNotActivatedException.class, false),
                Arguments.of("AuthFailure.SignatureFailure", AuthenticationException.class, false),
                Arguments.of("AuthFailure.SignatureExpire", AuthenticationException.class, false),
                Arguments.of("AuthFailure.SecretIdNotFound", AuthenticationException.class, false),
                Arguments.of("AuthFailure.TokenFailure", AuthenticationException.class, false),
                Arguments.of("AuthFailure.UnauthorizedOperation", AccessDeniedException.class, false),
                Arguments.of("RequestLimitExceeded", ThrottledException.class, true),
                Arguments.of("RequestLimitExceeded.UinLimitExceeded", ThrottledException.class, true),
                Arguments.of("Brand.NewCode", UnrecognizedErrorException.class, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiErrors")
    void apiErrorsBecomeTypedExceptionsWithTheirRequestId(String code, Class<? extends RecordingQueryException> type,
            boolean retryable) {
        answer(errorBody(code, "req-" + code));

        RecordingQueryException error = describeExpectingFailure();

        assertThat(error).isExactlyInstanceOf(type);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.requestId()).contains("req-" + code);
        assertThat(error.isRetryable()).isEqualTo(retryable);
        assertThat(error.getMessage()).contains("message for " + code);
    }

    @Test
    void aNon200StatusIsATransportErrorNotAnApiError() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>502 Bad Gateway</body></html>")));

        TransportException error = describeExpectingTransportFailure(ErrorCodes.TRANSPORT_HTTP_STATUS);

        assertThat(error.isRetryable()).isTrue();
        assertThat(error.requestId()).isEmpty();
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("not JSON", "<html>oops</html>"),
                Arguments.of("truncated JSON", SEED_BODY.substring(0, SEED_BODY.length() / 2)),
                Arguments.of("empty body", ""),
                Arguments.of("JSON without Response", "{\"Other\":{}}"),
                Arguments.of("Response is null", "{\"Response\":null}"),
                Arguments.of("success without RoomId", "{\"Response\":{\"RecordMode\":1,\"RequestId\":\"r\"}}"),
                Arguments.of("RecordStatus missing", "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RecordInfo\":"
                        + "[{\"RecordBeginTime\":1,\"UserId\":\"u\",\"FileName\":\"f\"}],\"RequestId\":\"r\"}}"),
                Arguments.of("RecordInfo item null", "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,"
                        + "\"RecordInfo\":[null],\"RequestId\":\"r\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIsAMalformedResponse(String description, String body) {
        answer(body);

        TransportException error = describeExpectingTransportFailure(ErrorCodes.TRANSPORT_MALFORMED_RESPONSE);

        assertThat(error.isRetryable()).isTrue();
    }

    @Test
    void aResetConnectionIsAConnectionFailure() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        describeExpectingTransportFailure(ErrorCodes.TRANSPORT_CONNECTION_FAILED);
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Transport query = newTransport("http://127.0.0.1:" + closedPort, CREDENTIALS, Duration.ofSeconds(5));

        TransportException error = catchThrowableOfType(TransportException.class, () -> query.describe(SEED_TASK));

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_CONNECTION_FAILED);
        assertThat(error.isRetryable()).isTrue();
    }

    @Test
    void aCallAfterCloseIsCancelledNotATransportFailure() {
        Transport query = newTransport(endpoint(), CREDENTIALS, Duration.ofSeconds(5));
        query.close();

        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> query.describe(SEED_TASK));

        assertThat(error).isInstanceOf(CancelledException.class).isNotInstanceOf(TransportException.class);
        assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CLOSED);
        assertThat(error.isRetryable()).isFalse();
        server.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aSlowAnswerIsATimeout() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody(SEED_BODY)
                .withFixedDelay(3000)));
        Transport query = newTransport(endpoint(), CREDENTIALS, Duration.ofSeconds(1));

        TransportException error = catchThrowableOfType(TransportException.class, () -> query.describe(SEED_TASK));

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_TIMEOUT);
        assertThat(error.isRetryable()).isTrue();
    }

    protected RecordingQueryException describeExpectingFailure() {
        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> query().describe(SEED_TASK));
        assertThat(error).as("a RecordingQueryException").isNotNull();
        return error;
    }

    protected TransportException describeExpectingTransportFailure(String code) {
        RecordingQueryException error = describeExpectingFailure();
        assertThat(error).isExactlyInstanceOf(TransportException.class);
        assertThat(error.code()).isEqualTo(code);
        return (TransportException) error;
    }
}
