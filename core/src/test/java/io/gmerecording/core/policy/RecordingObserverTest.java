package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.testing.CapturedLog;
import io.gmerecording.testing.JumpingTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingObserverTest {

    private static final TaskRef REF = TaskRef.of(1400000000L, 7);
    private static final RecordingTask DONE = RecordingTask.of(REF, "room", 1,
            List.of(Recording.of("u", "f.mp3", Instant.EPOCH, RecordStatus.NOTIFIED.code())), "req-ok");

    /** Every event as a line of text, in order. */
    private static final class Events implements RecordingObserver {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public Attempt attemptStarted(Request request) {
            int attempt = request.attempt();
            lines.add("start " + request.adapter() + " " + request.task().orElseThrow().taskId() + " #" + attempt);
            return new Attempt() {
                @Override
                public void succeeded(String requestId, Object answer, Duration latency) {
                    lines.add("ok #" + attempt + " " + requestId + " " + latency.toMillis() + "ms");
                }

                @Override
                public void failed(RecordingQueryException error, Duration latency) {
                    lines.add("error #" + attempt + " " + error.code() + " retryable=" + error.isRetryable());
                }
            };
        }

        @Override
        public void retryScheduled(Request next, Duration backoff, RecordingQueryException cause) {
            lines.add("retry #" + next.attempt() + " after " + cause.code());
        }

        @Override
        public void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
            lines.add("permit " + (refusal == null ? "granted" : "refused " + refusal.code()));
        }
    }

    @Test
    void aRetriedAttemptIsSeenAsTwoNumberedAttemptsAroundTheRetryEachAfterItsPermit() {
        JumpingTime time = new JumpingTime();
        Events events = new Events();
        ScriptedQuery adapter = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "boom", "req-1"))
                .then(DONE);
        assertThat(adapter.client(time).observer(events).build().query().describe(REF)).isEqualTo(DONE);

        assertThat(events.lines).containsExactly("permit granted", "start scripted 7 #1",
                "error #1 InternalError retryable=true", "retry #2 after InternalError", "permit granted",
                "start scripted 7 #2", "ok #2 req-ok 0ms");
    }

    @Test
    void aNonRetryableErrorIsOneAttemptAndARefusedPermitNoAttemptAtAll() {
        JumpingTime time = new JumpingTime();
        Events events = new Events();
        ScriptedQuery adapter = new ScriptedQuery().then(ErrorCodes.exception("ResourceNotFound.TaskNotFound", "no",
                "req-2"));
        assertThatThrownBy(() -> adapter.client(time).observer(events).build().query().describe(REF))
                .isInstanceOf(RecordingQueryException.class);
        assertThat(events.lines).containsExactly("permit granted", "start scripted 7 #1",
                "error #1 ResourceNotFound.TaskNotFound retryable=false");

        events.lines.clear();
        PermitSource refusing = () -> {
            throw ErrorCodes.exception(ErrorCodes.CLIENT_SHARED_LIMIT_UNAVAILABLE, "redis away", null);
        };
        assertThatThrownBy(() -> adapter.client(time).observer(events).permits(action -> refusing).build().query()
                .describe(REF)).isInstanceOf(RecordingQueryException.class);
        assertThat(events.lines).containsExactly("permit refused Client.SharedLimitUnavailable");
    }

    @Test
    void anObserverThatThrowsNeverBreaksARequestAndTheOthersStillHear() throws Exception {
        JumpingTime time = new JumpingTime();
        Events events = new Events();
        RecordingObserver broken = new RecordingObserver() {
            @Override
            public Attempt attemptStarted(Request request) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
                throw new IllegalStateException("observer bug");
            }
        };
        List<java.util.logging.LogRecord> logged = CapturedLog.during(RecordingObserver.class.getName(), () ->
                assertThat(new ScriptedQuery().then(DONE).client(time).observer(RecordingObserver.all(broken, events))
                        .build().query().describe(REF)).isEqualTo(DONE));
        assertThat(events.lines).containsExactly("permit granted", "start scripted 7 #1",
                "ok #1 req-ok 0ms");
        assertThat(logged).hasSize(2).allSatisfy(r -> assertThat(r.getMessage()).startsWith("an observer failed"));
    }

    @Test
    void aTrackersRequestsReachTheClientsObserverOnceAndItsEventsTheListenerOnce() throws Exception {
        JumpingTime time = new JumpingTime();
        Events events = new Events();
        CountDownLatch ended = new CountDownLatch(1);
        GmeRecording client = new ScriptedQuery().then(DONE).client(time).observer(events).build();
        try (RecordingTracker tracker = client.newTracker(settings -> settings.concurrency(1)
                .listener(new TrackerListener() {
                    @Override
                    public void onChange(TaskChange change) {
                        events.lines.add("change " + change.current());
                    }

                    @Override
                    public void onEnd(TaskEnd end) {
                        events.lines.add("end " + end.outcome());
                        ended.countDown();
                    }
                }))) {
            tracker.track(REF, RecordStatus.NOTIFIED);
            tracker.start();
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events.lines).containsExactly("permit granted", "start scripted 7 #1", "ok #1 req-ok 0ms",
                "change NOTIFIED", "end REACHED");
    }
}
