package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Boundaries and small contracts of the policies and errors. */
class PolicyEdgesTest {

    private static final TaskRef REF = TaskRef.of(1, 2);
    private static final RecordingTask TASK = RecordingTask.of(REF, "r", 1, Collections.emptyList(), "q");

    @Test
    void systemTimeIsMonotonicAndPastDeadlinesReturnAtOnce() throws Exception {
        TimeSource system = TimeSource.system();
        long before = system.nanoTime();

        system.sleepUntil(before - 1_000_000_000L);
        system.sleep(Duration.ofMillis(-5));
        system.sleepUntil(system.nanoTime() + 2_000_000);

        assertThat(system.nanoTime() - before).isGreaterThanOrEqualTo(2_000_000);
    }

    @Test
    void aFailedRequestStillReleasesItsPermit() {
        FakeTime time = new FakeTime();
        RateLimiter limiter = RateLimiter.perSecond(1).maxWait(Duration.ofSeconds(5)).timeSource(time).build();
        RecordingQuery query = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "x", "r")).client(time)
                .retry(RetryPolicy.none()).permits(action -> limiter).build().query();

        assertThatThrownBy(() -> query.describe(REF)).hasMessageContaining("InternalError");
        // had the permit stayed in flight, the window would block until maxWait and refuse
        assertThatThrownBy(() -> query.describe(REF)).hasMessageContaining("InternalError");
        assertThat(time.nanoTime()).isLessThan(3_000_000_000L + 1_000_000_000L);
    }

    @Test
    void theClientReturnsTheTransportsAnswer() {
        RecordingQuery query = new ScriptedQuery().then(TASK).client(new FakeTime()).build().query();

        assertThat(query.describe(REF)).isSameAs(TASK);
        assertThatThrownBy(() -> query.describe(null)).hasMessageContaining("task");
    }

    @Test
    void aBurstOfOneIsAllowedAndZeroIsNot() {
        assertThat(RateLimiter.perSecond(5).burst(1).build().interval()).isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> RateLimiter.perSecond(5).burst(0)).hasMessageContaining("0");
        assertThat(RateLimiter.perSecond(5).build().toString()).contains("5.0/s").contains("5 per window");
    }

    @Test
    void batchConcurrencyOfOneWorksAndZeroIsRejected() {
        assertThat(BatchDescriber.over(new ScriptedQuery().then(TASK), 1).describeAll(Collections.singletonList(REF)))
                .singleElement().satisfies(result -> {
                    assertThat(result.isSuccess()).isTrue();
                    assertThat(result.error()).isEmpty();
                    assertThat(result.toString()).contains("room").doesNotContain("Exception");
                });
        assertThatThrownBy(() -> BatchDescriber.over(new ScriptedQuery(), 0)).hasMessageContaining("0");
    }

    @Test
    void aFailedBatchResultIsNotASuccess() {
        BatchResult failed = BatchDescriber.over(new ScriptedQuery().then(ErrorCodes.timeout("slow", null)), 2)
                .describeAll(Collections.singletonList(REF)).get(0);

        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.value()).isEmpty();
        assertThat(failed.toString()).contains("Transport.Timeout");
    }

    @Test
    void httpStatusRetryBoundaries() {
        assertThat(ErrorCodes.httpStatus(499, "x").isRetryable()).isFalse();
        assertThat(ErrorCodes.httpStatus(500, "x").isRetryable()).isTrue();
        assertThat(ErrorCodes.httpStatus(428, "x").isRetryable()).isFalse();
        assertThat(ErrorCodes.httpStatus(430, "x").isRetryable()).isFalse();
        assertThat(ErrorCodes.httpStatus(0, "x").httpStatus()).hasValue(0);
    }


    @Test
    void errorsKeepTheirDetailAndAWaitTimeoutItsLastState() {
        assertThat(ErrorCodes.exception("InternalError", "busy", "r").detail()).isEqualTo("busy");
        assertThat(ErrorCodes.exception("InternalError", null, "r").detail()).isEmpty();
        assertThat(ErrorCodes.waitTimeout("gave up", null).requestId()).isEmpty();
        assertThat(ErrorCodes.waitTimeout("gave up", TASK).requestId()).contains("q");
    }

    @Test
    void trackerBuildersRejectNulls() {
        assertThatThrownBy(() -> RecordingTracker.over(null)).hasMessageContaining("query");
        assertThatThrownBy(() -> RecordingTracker.over(new ScriptedQuery()).listener(null))
                .hasMessageContaining("listener");
        assertThatThrownBy(() -> TrackerListener.all(TrackerListener.NONE, null)).hasMessageContaining("null");
    }
}
