package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.WaitTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingWaiterTest {

    private static final TaskRef REF = TaskRef.of(1, 2);
    private final FakeTime time = new FakeTime();

    private static RecordingTask withStatus(long status) {
        return RecordingTask.of(REF, "room", 1,
                Collections.singletonList(Recording.of("u", "f", Instant.EPOCH, status)), "req-" + status);
    }

    @Test
    void pollsWithGrowingPausesUntilEveryRecordingReachesTheTarget() {
        ScriptedQuery query = new ScriptedQuery().then(withStatus(2)).then(withStatus(11)).then(withStatus(12))
                .then(withStatus(13)).then(withStatus(14));
        List<RecordStatus> seen = new ArrayList<>();

        RecordingTask done = RecordingWaiter.over(query).timeSource(time).initialInterval(Duration.ofSeconds(1))
                .multiplier(2).maxInterval(Duration.ofSeconds(3))
                .onPoll(task -> seen.add(task.recordings().get(0).status()))
                .build().untilAllRecordingsReach(REF, RecordStatus.NOTIFIED);

        assertThat(done.requestId()).isEqualTo("req-14");
        assertThat(seen).containsExactly(RecordStatus.RECORDING, RecordStatus.TRANSCODING, RecordStatus.UPLOADING,
                RecordStatus.UPLOADED, RecordStatus.NOTIFIED);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3));
    }

    @Test
    void anEarlierTargetIsMetByALaterStatus() {
        ScriptedQuery query = new ScriptedQuery().then(withStatus(14));

        RecordingTask done = RecordingWaiter.over(query).timeSource(time).build()
                .untilAllRecordingsReach(REF, RecordStatus.UPLOADED);

        assertThat(done.recordings().get(0).status()).isEqualTo(RecordStatus.NOTIFIED);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void timesOutCarryingTheLastStateSeen() {
        ScriptedQuery query = new ScriptedQuery().then(withStatus(2)).then(withStatus(10));

        WaitTimeoutException error = catchThrowableOfType(WaitTimeoutException.class,
                () -> RecordingWaiter.over(query).timeSource(time).initialInterval(Duration.ofSeconds(2)).multiplier(1)
                        .timeout(Duration.ofSeconds(5)).build().untilAllRecordingsReach(REF, RecordStatus.NOTIFIED));

        assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_WAIT_TIMEOUT);
        assertThat(error.lastSeen()).contains(withStatus(10));
        assertThat(error.isRetryable()).isFalse();
        assertThat(error.getMessage()).contains("NOTIFIED").contains("5000 ms");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void aFailingPollPropagatesAtOnce() {
        ScriptedQuery query = new ScriptedQuery().then(withStatus(2))
                .then(ErrorCodes.exception("ResourceNotFound.TaskNotFound", "gone", "r"));

        assertThat(catchThrowableOfType(io.gmerecording.core.error.TaskNotFoundException.class,
                () -> RecordingWaiter.over(query).timeSource(time).build().until(REF, task -> false, "never")))
                .isNotNull();
        assertThat(query.calls).hasValue(2);
    }

    @Test
    void timeoutsAndIntervalsTooLongToCountAreNoError() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        ScriptedQuery query = new ScriptedQuery().then(withStatus(2)).then(withStatus(14));

        RecordingTask done = RecordingWaiter.over(query).timeSource(time).initialInterval(forever).maxInterval(forever)
                .timeout(forever).build().untilAllRecordingsReach(REF, RecordStatus.NOTIFIED);

        assertThat(done).isEqualTo(withStatus(14));
        assertThat(time.sleeps).hasSize(1).allSatisfy(sleep -> assertThat(sleep).isPositive());
    }
}
