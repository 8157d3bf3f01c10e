package io.gmerecording.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.core.policy.TimeSource;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault-injection matrix every adapter must survive behind the client's call pipeline ({@link GmeRecording}):
 * each fault either heals within the attempt limit (success after exactly the attempts it took) or ends in the
 * right typed error after exactly the attempt limit; errors a retry cannot fix are tried exactly once. Backoff
 * pauses go to a time source that does not sleep, so only real network waits (timeouts) take time.
 */
public abstract class ResilienceContract extends WireMockContract {

    private static final TaskRef TASK = RecordingQueryContract.SEED_TASK;
    private static final int ATTEMPTS = 3;
    private static final TimeSource NO_SLEEP = new TimeSource() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
        }
    };

    private final Duration shortTimeout;

    /** @param shortTimeout a request timeout the adapter can honour (the SDK's unit is whole seconds) */
    protected ResilienceContract(ContractTransport transports, Duration shortTimeout) {
        super(transports);
        this.shortTimeout = shortTimeout;
    }

    private Duration shortTimeout() {
        return shortTimeout;
    }

    private RecordingQuery resilient(Duration timeout) {
        Transport adapter = newTransport(endpoint(), RecordingQueryContract.CREDENTIALS, timeout);
        return GmeRecording.builder().transport(adapter).retry(RetryPolicy.builder().maxAttempts(ATTEMPTS).build())
                .maxRequestsPerSecond(1000).timeSource(NO_SLEEP).build().query();
    }

    private int attempts() {
        return server.getAllServeEvents().size();
    }

    /** The first {@code failures} answers are {@code failure}, then the seed answer. */
    private void failThenSucceed(int failures, ResponseDefinitionBuilder failure) {
        String state = STARTED;
        for (int i = 1; i <= failures; i++) {
            server.stubFor(post(urlEqualTo("/")).inScenario("heal").whenScenarioStateIs(state)
                    .willReturn(failure).willSetStateTo("after-" + i));
            state = "after-" + i;
        }
        server.stubFor(post(urlEqualTo("/")).inScenario("heal").whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(200).withBody(RecordingQueryContract.SEED_BODY)));
    }

    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        ErrorCodes.TRANSPORT_CONNECTION_FAILED),
                Arguments.of("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE),
                        ErrorCodes.TRANSPORT_CONNECTION_FAILED),
                Arguments.of("malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                        ErrorCodes.TRANSPORT_CONNECTION_FAILED),
                Arguments.of("random data then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                        ErrorCodes.TRANSPORT_CONNECTION_FAILED),
                Arguments.of("500 with HTML", html(500), ErrorCodes.TRANSPORT_HTTP_STATUS),
                Arguments.of("502 with HTML", html(502), ErrorCodes.TRANSPORT_HTTP_STATUS),
                Arguments.of("503 with HTML", html(503), ErrorCodes.TRANSPORT_HTTP_STATUS),
                Arguments.of("InternalError", apiError("InternalError"), "InternalError"),
                Arguments.of("RequestLimitExceeded", apiError("RequestLimitExceeded"), "RequestLimitExceeded"));
    }

    private static ResponseDefinitionBuilder html(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>" + status + "</h1>gateway says no</body></html>");
    }

    private static ResponseDefinitionBuilder apiError(String code) {
        return aResponse().withStatus(200).withBody(RecordingQueryContract.errorBody(code, "req-" + code));
    }

    @ParameterizedTest(name = "{0} twice, then success")
    @MethodSource("transientFaults")
    void aTransientFaultHealsWithinTheAttemptLimit(String name, ResponseDefinitionBuilder fault, String code) {
        failThenSucceed(ATTEMPTS - 1, fault);

        RecordingTask task = resilient(Duration.ofSeconds(5)).describe(TASK);

        assertThat(task.roomId()).isEqualTo("7743");
        assertThat(attempts()).isEqualTo(ATTEMPTS);
    }

    @ParameterizedTest(name = "{0} always: {2} after the attempt limit")
    @MethodSource("transientFaults")
    void aPersistentFaultEndsInItsTypedErrorAfterTheAttemptLimit(String name, ResponseDefinitionBuilder fault,
            String code) {
        server.stubFor(post(urlEqualTo("/")).willReturn(fault));

        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> resilient(Duration.ofSeconds(5)).describe(TASK));

        assertThat(error).as(name).isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.isRetryable()).isTrue();
        assertThat(error.getSuppressed()).hasSize(ATTEMPTS - 1);
        assertThat(attempts()).isEqualTo(ATTEMPTS);
    }

    @Test
    void aDelayBeyondTheRequestTimeoutIsRetriedAndEndsAsATimeout() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withBody(RecordingQueryContract.SEED_BODY).withFixedDelay((int) shortTimeout().toMillis() + 1500)));

        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> resilient(shortTimeout()).describe(TASK));

        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_TIMEOUT);
        assertThat(attempts()).isEqualTo(ATTEMPTS);
    }

    @Test
    void aDelayOnceThenAPromptAnswerSucceeds() {
        failThenSucceed(1, aResponse().withStatus(200).withBody(RecordingQueryContract.SEED_BODY)
                .withFixedDelay((int) shortTimeout().toMillis() + 1500));

        assertThat(resilient(shortTimeout()).describe(TASK).roomId()).isEqualTo("7743");
        assertThat(attempts()).isEqualTo(2);
    }

    static Stream<Arguments> permanentFailures() {
        return Stream.of(
                Arguments.of("AuthFailure.SignatureFailure", apiError("AuthFailure.SignatureFailure")),
                Arguments.of("AuthFailure.SecretIdNotFound", apiError("AuthFailure.SecretIdNotFound")),
                Arguments.of("InvalidParameterValue.InvalidTaskId", apiError("InvalidParameterValue.InvalidTaskId")),
                Arguments.of("ResourceNotFound.TaskNotFound", apiError("ResourceNotFound.TaskNotFound")),
                Arguments.of("UnsupportedOperation.ServiceNotOpened", apiError("UnsupportedOperation.ServiceNotOpened")),
                Arguments.of(ErrorCodes.TRANSPORT_HTTP_STATUS, html(404)));
    }

    @ParameterizedTest(name = "{0} is tried exactly once")
    @MethodSource("permanentFailures")
    void whatARetryCannotFixIsTriedExactlyOnce(String code, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlEqualTo("/")).willReturn(answer));

        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> resilient(Duration.ofSeconds(5)).describe(TASK));

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.isRetryable()).isFalse();
        assertThat(attempts()).isEqualTo(1);
    }
}
