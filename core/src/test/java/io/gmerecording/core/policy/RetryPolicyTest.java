package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final TaskRef REF = TaskRef.of(1, 2);
    private static final RecordingTask TASK = RecordingTask.of(REF, "room", 1, Collections.emptyList(), "req");

    private final FakeTime time = new FakeTime();

    private static RetryPolicy.Builder policy() {
        return RetryPolicy.builder().random(() -> 0.5);
    }

    private RecordingQuery retrying(ScriptedQuery query, RetryPolicy.Builder policy) {
        return query.client(time).retry(policy.build()).build().query();
    }

    private RecordingQuery retrying(ScriptedQuery query) {
        return retrying(query, policy());
    }

    @Test
    void retriesARetryableFailureAndReturnsTheSuccess() {
        ScriptedQuery query = new ScriptedQuery()
                .then(ErrorCodes.exception("InternalError", "boom", "r1"))
                .then(ErrorCodes.exception("RequestLimitExceeded", "slow", "r2"))
                .then(TASK);

        assertThat(retrying(query).describe(REF)).isEqualTo(TASK);
        assertThat(query.calls).hasValue(3);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void neverRetriesANonRetryableFailure() {
        for (String code : new String[] {"AuthFailure.SignatureFailure", "InvalidParameter",
            "ResourceNotFound.TaskNotFound", "UnsupportedOperation.ServiceNotOpened"}) {
            ScriptedQuery query = new ScriptedQuery().then(ErrorCodes.exception(code, "no", "r")).then(TASK);

            assertThatThrownBy(() -> retrying(query).describe(REF)).hasMessageContaining(code);
            assertThat(query.calls).as(code).hasValue(1);
        }
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailureAndTheEarlierOnesSuppressed() {
        ScriptedQuery query = new ScriptedQuery()
                .then(ErrorCodes.exception("InternalError", "one", "r1"))
                .then(ErrorCodes.exception("InternalError", "two", "r2"))
                .then(ErrorCodes.exception("InternalError", "three", "r3"))
                .then(TASK);

        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> retrying(query, policy().maxAttempts(3)).describe(REF));

        assertThat(error.requestId()).contains("r3");
        assertThat(error.getSuppressed()).hasSize(2);
        assertThat(query.calls).hasValue(3);
    }

    @Test
    void oneAttemptMeansNoRetry() {
        ScriptedQuery query = new ScriptedQuery().then(ErrorCodes.timeout("slow", null)).then(TASK);

        assertThatThrownBy(() -> retrying(query, policy().maxAttempts(1)).describe(REF))
                .hasMessageContaining("Transport.Timeout");
        assertThat(query.calls).hasValue(1);
    }

    @Test
    void stopsWhenTheNextPauseWouldPassTheDeadline() {
        ScriptedQuery query = new ScriptedQuery().then(ErrorCodes.connectionFailed("reset", null));

        assertThatThrownBy(() -> retrying(query, policy().maxAttempts(10).baseDelay(Duration.ofSeconds(1))
                .random(() -> 0.999).deadline(Duration.ofSeconds(5))).describe(REF))
                .hasMessageContaining("Transport.ConnectionFailed");
        // pauses ~1 s and ~2 s fit in 5 s; the ~4 s one would not
        assertThat(query.calls).hasValue(3);
        assertThat(time.sleeps).hasSize(2);
    }

    @Test
    void backoffIsFullJitterUnderAnExponentialCap() {
        RetryPolicy low = policy().random(() -> 0.0).build();
        RetryPolicy high = policy().random(() -> 0.999999).baseDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofMillis(500)).build();

        assertThat(low.backoff(1)).isZero();
        assertThat(high.backoff(1)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(high.backoff(2)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(high.backoff(3)).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
        assertThat(high.backoff(4)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(high.backoff(60)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
    }

    @Test
    void interruptionStopsTheRetriesAndKeepsTheFlag() {
        ScriptedQuery query = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "x", "r")).then(TASK);
        TimeSource interrupting = new TimeSource() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleepUntil(long deadlineNanos) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        try {
            assertThatThrownBy(() -> query.client(interrupting).build().query().describe(REF))
                    .hasMessageContaining(ErrorCodes.CLIENT_INTERRUPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ZERO)).hasMessageContaining("baseDelay");
        assertThatThrownBy(() -> RetryPolicy.builder().random(null)).hasMessageContaining("random");
        assertThat(RetryPolicy.standard().maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.standard().toString()).contains("maxAttempts=3");
    }

    @Test
    void delaysAndDeadlinesTooLongToCountAreNoError() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        FakeTime time = new FakeTime();
        ScriptedQuery query = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "x", "r")).then(TASK);

        RecordingTask result = query.client(time).retry(policy().baseDelay(forever).maxDelay(forever)
                .deadline(forever).build()).build().query().describe(TaskRef.of(1, 1));

        assertThat(result).isEqualTo(TASK);
        assertThat(query.calls).hasValue(2);
    }
}
