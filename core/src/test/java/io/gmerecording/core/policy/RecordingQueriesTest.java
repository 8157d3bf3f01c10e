package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordingQueriesTest {

    private static final TaskRef REF = TaskRef.of(1, 2);
    private static final RecordingTask TASK = RecordingTask.of(REF, "r", 1, Collections.emptyList(), "q");
    private final FakeTime time = new FakeTime();

    @Test
    void retriesOutsideAndEveryAttemptTakesAPermit() {
        ScriptedQuery adapter = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "x", "r"))
                .then(ErrorCodes.exception("InternalError", "x", "r")).then(TASK);
        RecordingQuery query = RecordingQueries.resilient(adapter).maxAttempts(3).maxRequestsPerSecond(1)
                .timeSource(time).build();

        assertThat(query.describe(REF)).isEqualTo(TASK);
        assertThat(adapter.calls).hasValue(3);
        // three permits at 1 per second: the third starts no earlier than two seconds after the first
        assertThat(time.nanoTime()).isGreaterThanOrEqualTo(2_000_000_000L + 1_000_000_000L);
    }

    @Test
    void theAttemptLimitAndTheWaitLimitAreApplied() {
        ScriptedQuery failing = new ScriptedQuery().then(ErrorCodes.timeout("slow", null));

        assertThatThrownBy(() -> RecordingQueries.resilient(failing).maxAttempts(2).timeSource(time).build()
                .describe(REF)).hasMessageContaining("Transport.Timeout");
        assertThat(failing.calls).hasValue(2);

        ScriptedQuery ok = new ScriptedQuery().then(TASK);
        RecordingQuery impatient = RecordingQueries.resilient(ok).maxAttempts(1).maxRequestsPerSecond(0.5)
                .maxRateLimitWait(Duration.ofSeconds(1)).timeSource(time).build();
        impatient.describe(REF);
        assertThatThrownBy(() -> impatient.describe(REF)).hasMessageContaining(RateLimiter.WAIT_EXCEEDED);
    }

    @Test
    void aGivenPermitSourceIsAskedOncePerAttemptAndEveryPermitIsReleased() {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        PermitSource shared = () -> {
            taken.incrementAndGet();
            return released::incrementAndGet;
        };
        ScriptedQuery adapter = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "x", "r")).then(TASK);

        RecordingQuery query = RecordingQueries.resilient(adapter).permits(shared).maxAttempts(3).timeSource(time)
                .build();

        assertThat(query.describe(REF)).isEqualTo(TASK);
        assertThat(taken).hasValue(2);
        assertThat(released).hasValue(2);
        assertThat(time.sleeps).as("no in-process pacing when the source decides").hasSize(1); // the retry's backoff
    }

    @Test
    void aPermitSourceThatRefusesIsTheCallersError() {
        PermitSource closed = () -> {
            throw ErrorCodes.exception(ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED, "no budget", null);
        };
        ScriptedQuery adapter = new ScriptedQuery().then(TASK);

        assertThatThrownBy(() -> RecordingQueries.resilient(adapter).permits(closed).build().describe(REF))
                .hasMessageContaining(RateLimiter.WAIT_EXCEEDED);
        assertThat(adapter.calls).hasValue(0);
        assertThatThrownBy(() -> RecordingQueries.resilient(adapter).permits(null)).hasMessageContaining("permits");
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> RecordingQueries.resilient(null)).hasMessageContaining("adapter");
        assertThatThrownBy(() -> RecordingQueries.resilient(new ScriptedQuery()).maxAttempts(0))
                .hasMessageContaining("0");
        assertThat(RecordingQueries.resilient(new ScriptedQuery()).maxAttempts(1)).isNotNull();
        assertThatThrownBy(() -> RecordingQueries.resilient(new ScriptedQuery()).maxRequestsPerSecond(0))
                .hasMessageContaining("maxRequestsPerSecond");
        assertThatThrownBy(() -> RecordingQueries.resilient(new ScriptedQuery()).maxRequestsPerSecond(Double.NaN))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> RecordingQueries.resilient(new ScriptedQuery())
                .maxRequestsPerSecond(Double.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> RecordingQueries.resilient(new ScriptedQuery()).timeSource(null))
                .hasMessageContaining("time");
    }
}
