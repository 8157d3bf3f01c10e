package io.gmerecording.callbacks;

import static io.gmerecording.callbacks.CallbackReceiverTest.KEY;
import static io.gmerecording.callbacks.CallbackReceiverTest.SAMPLE;
import static io.gmerecording.callbacks.CallbackReceiverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallbackListenerTest {

    @Test
    void anUploadEventMakesTheTrackerAskAtOnceInsteadOfAtItsReconciliation() throws Exception {
        TaskRef task = TaskRef.of(1400000000L, 446946705284000000L);
        AtomicReference<RecordStatus> serviceSays = new AtomicReference<>(RecordStatus.RECORDING);
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch firstAnswer = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        List<TaskEnd> ends = new CopyOnWriteArrayList<>();
        List<RecordingEvent> passedOn = new CopyOnWriteArrayList<>();
        try (RecordingTracker tracker = RecordingTracker.over(asked -> {
            requests.incrementAndGet();
            RecordingTask answer = RecordingTask.of(asked, "100", 1, List.of(Recording.of("999", "f.mp3",
                    Instant.EPOCH, serviceSays.get().code())), "req");
            firstAnswer.countDown(); // after the answer is made, so the test's change is the next answer's
            return answer;
        }).reconciliationInterval(Duration.ofHours(1)).listener(new TrackerListener() {
            @Override
            public void onEnd(TaskEnd end) {
                ends.add(end);
                ended.countDown();
            }
        }).build()) {
            tracker.track(task, RecordStatus.NOTIFIED);
            tracker.start();
            assertThat(firstAnswer.await(10, TimeUnit.SECONDS)).isTrue();
            serviceSays.set(RecordStatus.NOTIFIED);
            String uploaded = SAMPLE.replace("\"EventType\":1", "\"EventType\":3");
            CallbackListener listener = CallbackListener.hinting(tracker, passedOn::add);

            listener.event(CallbackReceiver.builder(KEY).build().receive(bytes(uploaded),
                    CallbackSignature.sign(bytes(KEY), bytes(uploaded))).event());

            assertThat(ended.await(10, TimeUnit.SECONDS)).as("ended long before its hour of reconciliation").isTrue();
        }
        assertThat(ends).singleElement().satisfies(end -> assertThat(end.outcome())
                .isEqualTo(TaskEnd.Outcome.REACHED));
        assertThat(requests).hasValue(2);
        assertThat(passedOn).singleElement().satisfies(event -> assertThat(event.type())
                .isEqualTo(RecordingEventType.UPLOADED));
    }

    @Test
    void eachEventTypeAnnouncesItsStage() {
        assertThat(RecordingEventType.RECORDING_STARTED.announces()).isEqualTo(RecordStatus.RECORDING);
        assertThat(RecordingEventType.RECORDING_FINISHED.announces()).isEqualTo(RecordStatus.AWAITING_TRANSCODE);
        assertThat(RecordingEventType.UPLOADED.announces()).isEqualTo(RecordStatus.UPLOADED);
        assertThat(RecordingEventType.UNRECOGNIZED.announces()).isEqualTo(RecordStatus.UNRECOGNIZED);
    }
}
