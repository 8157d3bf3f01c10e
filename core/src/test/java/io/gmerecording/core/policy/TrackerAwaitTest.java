package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.error.WaitTimeoutException;
import io.gmerecording.testing.JumpingTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link RecordingTracker#await}: one task tracked to its end, the end as the caller's answer or exception. */
class TrackerAwaitTest {

    private static final TaskRef REF = TaskRef.of(1, 2);
    private final JumpingTime time = new JumpingTime();

    private static RecordingTask withStatus(long status) {
        return RecordingTask.of(REF, "room", 1,
                Collections.singletonList(Recording.of("u", "f", Instant.EPOCH, status)), "req-" + status);
    }

    private RecordingTracker tracker(ScriptedQuery service, TrackerListener listener, Duration timeout) {
        return service.client(time).build().newTracker(settings -> settings.listener(listener).timeout(timeout)
                .interval(RecordStatus.RECORDING, Duration.ofSeconds(2)).concurrency(1));
    }

    @Test
    void returnsTheAnswerThatReachedTheTargetAfterEveryChangeWasReported() {
        ScriptedQuery service = new ScriptedQuery().then(withStatus(2)).then(withStatus(11)).then(withStatus(12))
                .then(withStatus(13)).then(withStatus(14));
        List<RecordStatus> seen = new CopyOnWriteArrayList<>();
        TrackerListener changes = new TrackerListener() {
            @Override
            public void onChange(TaskChange change) {
                seen.add(change.current());
            }
        };

        try (RecordingTracker tracker = tracker(service, changes, Duration.ofHours(1))) {
            RecordingTask done = tracker.await(REF, RecordStatus.NOTIFIED);

            assertThat(done.requestId()).isEqualTo("req-14");
            assertThat(tracker.trackedCount()).isZero();
        }
        assertThat(seen).containsExactly(RecordStatus.RECORDING, RecordStatus.TRANSCODING, RecordStatus.UPLOADING,
                RecordStatus.UPLOADED, RecordStatus.NOTIFIED);
    }

    @Test
    void anEarlierTargetIsMetByALaterStatusInOneRequest() {
        ScriptedQuery service = new ScriptedQuery().then(withStatus(14));

        try (RecordingTracker tracker = tracker(service, TrackerListener.NONE, Duration.ofHours(1))) {
            assertThat(tracker.await(REF, RecordStatus.UPLOADED).recordings().get(0).status())
                    .isEqualTo(RecordStatus.NOTIFIED);
        }
        assertThat(service.calls).hasValue(1);
    }

    @Test
    void aTimeoutCarriesTheLastAnswerSeen() {
        ScriptedQuery service = new ScriptedQuery().then(withStatus(2)).then(withStatus(10));

        try (RecordingTracker tracker = tracker(service, TrackerListener.NONE, Duration.ofSeconds(5))) {
            WaitTimeoutException error = catchThrowableOfType(WaitTimeoutException.class,
                    () -> tracker.await(REF, RecordStatus.NOTIFIED));

            assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_WAIT_TIMEOUT);
            assertThat(error.lastSeen()).contains(withStatus(10));
            assertThat(error.getMessage()).contains("5000 ms").contains(REF.toString());
        }
    }

    @Test
    void anErrorThatAskingAgainCannotFixIsThrownAsItCame() {
        ScriptedQuery service = new ScriptedQuery().then(withStatus(2))
                .then(ErrorCodes.exception("ResourceNotFound.TaskNotFound", "gone", "r"));

        try (RecordingTracker tracker = tracker(service, TrackerListener.NONE, Duration.ofHours(1))) {
            assertThat(catchThrowableOfType(TaskNotFoundException.class, () -> tracker.await(REF,
                    RecordStatus.NOTIFIED)).requestId()).contains("r");
        }
        assertThat(service.calls).hasValue(2);
    }

    @Test
    void closingTheTrackerLetsTheCallerGo() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        RecordingTracker tracker = GmeRecording.builder().transport(task -> {
            inFlight.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw ErrorCodes.interrupted("interrupted", e);
            }
            throw new AssertionError("unreachable");
        }).timeSource(time).build().newTracker(settings -> { });
        RecordingQueryException[] thrown = new RecordingQueryException[1];
        Thread caller = new Thread(() -> thrown[0] = catchThrowableOfType(RecordingQueryException.class,
                () -> tracker.await(REF, RecordStatus.NOTIFIED)));
        caller.start();
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
        tracker.close();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown[0].code()).isEqualTo(ErrorCodes.CLIENT_INTERRUPTED);
        assertThat(thrown[0].getMessage()).contains("closed while awaiting");
    }
}
