package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.testing.JumpingTime;
import io.gmerecording.testing.MomentTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tracker fed by callbacks as hints, on simulated time: each task records, stops, is processed and is notified on
 * a schedule, and the service's callbacks (started, finished, uploaded) arrive as hints at those moments, some of them
 * lost. The event is a hint, the answer the truth: every end is reported once whatever the events do.
 */
class TrackerHintsTest {

    private static final long BIZ = 1400000000L;
    private static final long S = 1_000_000_000L;
    private static final int TASKS = 200;
    private static final Duration RECONCILIATION = Duration.ofMinutes(30);

    /** Seconds at which each task starts recording, is stopped (AWAITING_TRANSCODE), reaches UPLOADED, NOTIFIED. */
    private final Map<Long, long[]> schedule = new ConcurrentHashMap<>();
    private final JumpingTime clock = new JumpingTime();
    private final MomentTime time = new MomentTime(clock);
    private final long origin = clock.seconds();
    private final Map<Long, Long> endedAt = new ConcurrentHashMap<>();
    private final List<TaskEnd> ends = new CopyOnWriteArrayList<>();
    private final CountDownLatch allEnded = new CountDownLatch(TASKS);

    @Test
    void withEveryCallbackEachTaskEndsWithinASecondOfItsUploadForAFewRequests() throws Exception {
        long requests = run(0.0, true);

        assertThat(ends).hasSize(TASKS).allSatisfy(end -> assertThat(end.outcome())
                .isEqualTo(TaskEnd.Outcome.REACHED));
        for (TaskEnd end : ends) {
            long notifiedAt = schedule.get(end.task().taskId())[3];
            assertThat(endedAt.get(end.task().taskId()) - (origin + notifiedAt) * S).as("task %d's end after its upload "
                    + "event", end.task().taskId()).isBetween(0L, S);
        }
        assertThat((double) requests / TASKS).as("requests per finished task").isLessThanOrEqualTo(3.0);
    }

    @Test
    void withThirtyPercentOfCallbacksLostEveryEndIsStillReportedExactlyOnceWithinAReconciliation() throws Exception {
        long requests = run(0.3, true);

        assertThat(ends).hasSize(TASKS).allSatisfy(end -> assertThat(end.outcome())
                .isEqualTo(TaskEnd.Outcome.REACHED));
        assertThat(ends.stream().map(TaskEnd::task).distinct()).hasSize(TASKS);
        for (TaskEnd end : ends) {
            long notifiedAt = (origin + schedule.get(end.task().taskId())[3]) * S;
            assertThat(endedAt.get(end.task().taskId()) - notifiedAt).as("task %d: a lost upload event is found "
                    + "by the next reconciliation", end.task().taskId())
                    .isBetween(0L, RECONCILIATION.toNanos() + S);
        }
        assertThat((double) requests / TASKS).as("requests per finished task").isLessThanOrEqualTo(3.0);
    }

    @Test
    void pollingAloneAsksManyTimesMore() throws Exception {
        long withCallbacks = run(0.0, true);
        ends.clear();

        TrackerHintsTest alone = new TrackerHintsTest();
        long pollingOnly = alone.run(0.0, false);

        assertThat(alone.ends).hasSize(TASKS);
        assertThat(pollingOnly).isGreaterThan(5 * withCallbacks);
    }

    /** Tracks every task to NOTIFIED; {@code lost} of the callbacks never arrive. Returns the requests sent. */
    private long run(double lost, boolean hints) throws Exception {
        Random random = new Random(29);
        for (long id = 1; id <= TASKS; id++) {
            long start = random.nextInt(60);
            long stopped = start + 300 + random.nextInt(1200); // rooms record 5 to 25 minutes
            long uploaded = stopped + 20 + random.nextInt(60);
            schedule.put(id, new long[] {start, stopped, uploaded, uploaded + 1});
        }
        RecordingQuery service = task -> {
            clock.requestSent();
            long[] at = schedule.get(task.taskId());
            long now = clock.seconds() - origin;
            RecordStatus status = now >= at[3] ? RecordStatus.NOTIFIED : now >= at[2] ? RecordStatus.UPLOADED
                    : now >= at[1] ? RecordStatus.TRANSCODING : RecordStatus.RECORDING;
            return RecordingTask.of(task, "room", 1, List.of(Recording.of("7", "f.mp3", Instant.EPOCH,
                    status.code())), "req");
        };
        RecordingTracker.Builder builder = RecordingTracker.over(service).timeSource(time).concurrency(1)
                .interval(RecordStatus.RECORDING, Duration.ofSeconds(20)).timeout(Duration.ofHours(3))
                .listener(new TrackerListener() {
                    @Override
                    public void onEnd(TaskEnd end) {
                        endedAt.put(end.task().taskId(), clock.nanoTime());
                        ends.add(end);
                        allEnded.countDown();
                    }
                });
        if (hints) {
            builder.reconciliationInterval(RECONCILIATION);
        }
        try (RecordingTracker tracker = builder.build()) {
            for (long id = 1; id <= TASKS; id++) {
                tracker.track(TaskRef.of(BIZ, id), RecordStatus.NOTIFIED);
                long[] at = schedule.get(id);
                if (hints) {
                    TaskRef task = TaskRef.of(BIZ, id);
                    RecordStatus[] announced = {RecordStatus.RECORDING, RecordStatus.AWAITING_TRANSCODE, null,
                        RecordStatus.UPLOADED};
                    for (int event = 0; event < 4; event++) {
                        if (announced[event] != null && random.nextDouble() >= lost) {
                            RecordStatus status = announced[event];
                            time.at((origin + at[event]) * S, () -> tracker.hint(task, status));
                        }
                    }
                }
            }
            tracker.start();
            assertThat(allEnded.await(60, TimeUnit.SECONDS)).as("every task ended").isTrue();
            return tracker.requests();
        }
    }
}
