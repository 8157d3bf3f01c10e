package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.testing.JumpingTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingTrackerTest {

    private static final long BIZ = 1400000000L;
    private static final RecordStatus[] PIPELINE = {RecordStatus.RECORDING, RecordStatus.AWAITING_TRANSCODE,
        RecordStatus.TRANSCODING, RecordStatus.UPLOADING, RecordStatus.UPLOADED, RecordStatus.NOTIFIED};
    private static final Duration RECORDING_INTERVAL = Duration.ofSeconds(60);
    private static final Duration LATER_INTERVAL = Duration.ofSeconds(5);

    /**
     * A service whose tasks move through the pipeline on a schedule in simulated seconds; some tasks do not exist,
     * some never leave RECORDING, some fail now and then with a retryable error.
     */
    private static final class SimulatedService implements RecordingQuery {
        final JumpingTime time;
        final Map<Long, long[]> stageStarts = new ConcurrentHashMap<>();
        final Map<Long, Integer> calls = new ConcurrentHashMap<>();
        boolean hiccups = true;

        SimulatedService(JumpingTime time) {
            this.time = time;
        }

        /** Starts of RECORDING, AWAITING_TRANSCODE, ... NOTIFIED in seconds; Long.MAX_VALUE for a stage never reached. */
        void schedule(long taskId, long[] starts) {
            stageStarts.put(taskId, starts);
        }

        RecordStatus statusAt(long taskId, long second) {
            long[] starts = stageStarts.get(taskId);
            RecordStatus status = null;
            for (int stage = 0; stage < PIPELINE.length; stage++) {
                if (second >= starts[stage]) {
                    status = PIPELINE[stage];
                }
            }
            return status;
        }

        @Override
        public RecordingTask describe(TaskRef task) {
            time.requestSent();
            int call = calls.merge(task.taskId(), 1, Integer::sum);
            if (!stageStarts.containsKey(task.taskId())) {
                throw ErrorCodes.exception("ResourceNotFound.TaskNotFound", "no task " + task.taskId(), "req-nf");
            }
            if (hiccups && task.taskId() % 5 == 0 && call % 4 == 0) {
                throw ErrorCodes.exception("InternalError", "simulated hiccup", "req-ie");
            }
            RecordStatus status = statusAt(task.taskId(), time.seconds());
            List<Recording> recordings = status == null ? List.of()
                    : List.of(Recording.of("user-" + task.taskId(), "f.mp3", Instant.EPOCH, status.code()));
            return RecordingTask.of(task, "room", 1, recordings, "req-" + call);
        }
    }

    private static final class Recorder extends HeardEvents {
        final CountDownLatch allEnded;

        Recorder(int expectedEnds) {
            allEnded = new CountDownLatch(expectedEnds);
        }

        @Override
        public void onEnd(TaskEnd end) {
            super.onEnd(end);
            allEnded.countDown();
        }

        List<RecordStatus> statusesOf(long taskId) {
            List<RecordStatus> statuses = new ArrayList<>();
            for (TaskChange change : changes) {
                if (change.task().taskId() == taskId) {
                    statuses.add(change.current());
                }
            }
            return statuses;
        }
    }

    private static long[] stages(long start, Random random, boolean stuck) {
        long[] starts = new long[PIPELINE.length];
        starts[0] = start;
        long[] shortest = {60, 10, 10, 10, 10};
        long[] spread = {2340, 40, 50, 30, 15};
        for (int stage = 1; stage < PIPELINE.length; stage++) {
            starts[stage] = stuck ? Long.MAX_VALUE
                    : starts[stage - 1] + shortest[stage - 1] + random.nextInt((int) spread[stage - 1]);
        }
        return starts;
    }

    /** Every 50th task (7, 57, ...) does not exist; every 50th (11, 61, ...) never leaves RECORDING. */
    private static void scheduleUnlessMissing(SimulatedService service, long id, long start, Random random) {
        if (id % 50 != 7) {
            service.schedule(id, stages(start, random, id % 50 == 11));
        }
    }

    private static Duration intervalWhile(RecordStatus status) {
        return status == null || status == RecordStatus.RECORDING ? RECORDING_INTERVAL : LATER_INTERVAL;
    }

    /** A client over {@code service} whose every request takes a permit from {@code budget}. */
    private static GmeRecording client(RecordingQuery service, PermitSource budget, TimeSource time) {
        return GmeRecording.builder().transport(service::describe).permits(action -> budget).timeSource(time).build();
    }

    @Test
    void fiveHundredTasksUnderTwentyPerSecondEachEndReportedOnceEachLastingStatusSeenBudgetKept() throws Exception {
        JumpingTime time = new JumpingTime();
        SimulatedService service = new SimulatedService(time);
        Random random = new Random(13);
        long origin = time.seconds();
        int tasks = 500;
        int added = 50;
        for (long id = 1; id <= tasks; id++) {
            // rooms record for 1 to 40 minutes, so at any time a few dozen tasks are in the later, faster-polled stages
            scheduleUnlessMissing(service, id, origin + random.nextInt(60), random);
        }
        Recorder recorder = new Recorder(tasks + added);
        List<TaskRef> removedOnChange = Collections.synchronizedList(new ArrayList<>());
        RecordingTracker[] holder = new RecordingTracker[1];
        TrackerListener listener = new TrackerListener() {
            @Override
            public void onChange(TaskChange change) {
                recorder.onChange(change);
                // removing while running: task 2 reaching NOTIFIED removes task 61 (stuck in RECORDING)
                if (change.task().taskId() == 2 && change.current() == RecordStatus.NOTIFIED) {
                    TaskRef victim = TaskRef.of(BIZ, 61);
                    if (holder[0].untrack(victim)) {
                        removedOnChange.add(victim);
                    }
                }
            }

            @Override
            public void onEnd(TaskEnd end) {
                recorder.onEnd(end);
                // adding while running: each of the first 50 ends brings a new task
                long next = tasks + recorder.ends.size();
                if (next <= tasks + added) {
                    scheduleUnlessMissing(service, next, time.seconds(), random);
                    holder[0].track(TaskRef.of(BIZ, next), RecordStatus.NOTIFIED);
                }
            }
        };
        RateLimiter budget = RateLimiter.perSecond(20).timeSource(time).maxWait(Duration.ofHours(1)).build();
        try (RecordingTracker tracker = client(service, budget, time).newTracker(settings -> settings
                .listener(listener).interval(RecordStatus.RECORDING, RECORDING_INTERVAL).concurrency(1)
                .interval(RecordStatus.AWAITING_TRANSCODE, LATER_INTERVAL).timeout(Duration.ofHours(1)))) {
            holder[0] = tracker;
            for (long id = 1; id <= tasks; id++) {
                assertThat(tracker.track(TaskRef.of(BIZ, id), RecordStatus.NOTIFIED)).isTrue();
            }
            assertThat(tracker.track(TaskRef.of(BIZ, 1), RecordStatus.NOTIFIED)).as("tracked already").isFalse();
            tracker.start();
            assertThat(recorder.allEnded.await(60, TimeUnit.SECONDS)).as("every task ended").isTrue();
            assertThat(tracker.trackedCount()).isZero();
            // the worst is the first round, 500 tasks due at once at 20 a second; later the budget keeps up
            assertThat(tracker.worstStaleness()).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(26));
        }

        Map<Long, List<TaskEnd>> endsByTask = new ConcurrentHashMap<>();
        for (TaskEnd end : recorder.ends) {
            endsByTask.computeIfAbsent(end.task().taskId(), id -> new ArrayList<>()).add(end);
        }
        assertThat(endsByTask).hasSize(tasks + added);
        assertThat(endsByTask.values()).allSatisfy(ends -> assertThat(ends).hasSize(1));
        assertThat(removedOnChange).containsExactly(TaskRef.of(BIZ, 61));

        int checkedStatuses = 0;
        for (long id = 1; id <= tasks + added; id++) {
            TaskEnd end = endsByTask.get(id).get(0);
            if (id == 61) {
                assertThat(end.outcome()).isEqualTo(TaskEnd.Outcome.REMOVED);
                continue;
            }
            if (id % 50 == 7) {
                assertThat(end.outcome()).isEqualTo(TaskEnd.Outcome.FAILED);
                assertThat(end.error()).get().satisfies(e -> assertThat(e.code())
                        .isEqualTo("ResourceNotFound.TaskNotFound"));
                continue;
            }
            if (id % 50 == 11) {
                assertThat(end.outcome()).isEqualTo(TaskEnd.Outcome.TIMED_OUT);
                assertThat(end.lastStatus()).contains(RecordStatus.RECORDING);
                continue;
            }
            assertThat(end.outcome()).as("task %d", id).isEqualTo(TaskEnd.Outcome.REACHED);
            long[] starts = service.stageStarts.get(id);
            List<RecordStatus> seen = recorder.statusesOf(id);
            assertThat(seen).as("task %d, statuses in pipeline order", id).isSortedAccordingTo(Enum::compareTo);
            assertThat(seen).as("task %d", id).endsWith(RecordStatus.NOTIFIED);
            for (int stage = 0; stage < PIPELINE.length - 1; stage++) {
                // the tracker polls at the interval of the last status it saw, which may be an earlier stage
                RecordStatus before = null;
                for (RecordStatus status : seen) {
                    if (status.compareTo(PIPELINE[stage]) < 0) {
                        before = status;
                    }
                }
                long lasted = starts[stage + 1] - starts[stage];
                long pollEvery = Math.max(intervalWhile(before).toSeconds(), intervalWhile(PIPELINE[stage]).toSeconds());
                if (lasted >= 2 * pollEvery) {
                    assertThat(seen).as("task %d lasted %d s in %s", id, lasted, PIPELINE[stage])
                            .contains(PIPELINE[stage]);
                    checkedStatuses++;
                }
            }
        }
        assertThat(checkedStatuses).as("statuses long enough to be checked").isGreaterThan(1500);
        assertThat(time.mostRequestsInAnySecond()).isLessThanOrEqualTo(20);
        assertThat(time.requestCount()).isGreaterThan(5000);
    }

    @Test
    void whenTheBudgetCannotKeepUpStalenessGrowsEvenlyInsteadOfStarvingSomeTasks() throws Exception {
        JumpingTime time = new JumpingTime();
        SimulatedService service = new SimulatedService(time);
        service.hiccups = false;
        int tasks = 200;
        Map<Long, List<Long>> polledAt = new ConcurrentHashMap<>();
        for (long id = 1; id <= tasks; id++) {
            service.schedule(id, new long[] {0, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                Long.MAX_VALUE});
        }
        RecordingQuery recordingPolls = task -> {
            polledAt.computeIfAbsent(task.taskId(), id -> new CopyOnWriteArrayList<>()).add(time.nanoTime());
            return service.describe(task);
        };
        // 200 tasks every 5 s want 40 requests a second; the budget is 10
        RateLimiter budget = RateLimiter.perSecond(10).timeSource(time).maxWait(Duration.ofHours(1)).build();
        try (RecordingTracker tracker = client(recordingPolls, budget, time).newTracker(settings -> settings
                .interval(RecordStatus.RECORDING, LATER_INTERVAL).concurrency(1))) {
            for (long id = 1; id <= tasks; id++) {
                tracker.track(TaskRef.of(BIZ, id), RecordStatus.NOTIFIED);
            }
            tracker.start();
            while (time.requestCount() < 2000) {
                Thread.sleep(5);
            }
        }
        // every task is asked about equally often: earliest due first is a round robin when all are late
        assertThat(polledAt).hasSize(tasks);
        int fewest = polledAt.values().stream().mapToInt(List::size).min().orElseThrow();
        int most = polledAt.values().stream().mapToInt(List::size).max().orElseThrow();
        assertThat(fewest).isGreaterThanOrEqualTo(9);
        assertThat(most - fewest).isLessThanOrEqualTo(1);
        // and each task's gap between two requests is the same: 200 tasks at 10 a second, 20 s
        for (List<Long> times : polledAt.values()) {
            for (int i = 2; i < times.size(); i++) {
                assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1)))
                        .isBetween(Duration.ofMillis(19_000), Duration.ofMillis(21_000));
            }
        }
    }

    @Test
    void anAnswerThatShowsNoRecordingYetIsNoChange() {
        RecordingTask empty = RecordingTask.of(TaskRef.of(BIZ, 1), "room", 1, List.of(), "r");
        RecordingTask mixed = RecordingTask.of(TaskRef.of(BIZ, 1), "room", 1, List.of(
                Recording.of("a", "a.mp3", Instant.EPOCH, RecordStatus.UPLOADED.code()),
                Recording.of("b", "b.mp3", Instant.EPOCH, RecordStatus.TRANSCODING.code())), "r");
        assertThat(empty.status()).isEmpty();
        assertThat(mixed.status()).contains(RecordStatus.TRANSCODING);
    }

    @Test
    void closeStopsPromptlyInterruptingARequestInFlightAndReportsNoEnd() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RecordingQuery hanging = task -> {
            inFlight.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw ErrorCodes.interrupted("interrupted", e);
            }
            throw new AssertionError("unreachable");
        };
        Recorder recorder = new Recorder(1);
        RecordingTracker tracker = RecordingTracker.over(hanging).listener(recorder).build();
        assertThat(tracker.toString()).contains("0 tasks");
        tracker.track(TaskRef.of(BIZ, 1), RecordStatus.NOTIFIED);
        tracker.start();
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
        tracker.close();
        assertThat(interrupted.getCount()).isZero();
        assertThat(recorder.ends).isEmpty();
        assertThatThrownBy(() -> tracker.track(TaskRef.of(BIZ, 2), RecordStatus.NOTIFIED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTracking() throws Exception {
        JumpingTime time = new JumpingTime();
        SimulatedService service = new SimulatedService(time);
        service.schedule(1, new long[] {0, 0, 0, 0, 0, 0});
        CountDownLatch ended = new CountDownLatch(1);
        TrackerListener throwing = new TrackerListener() {
            @Override
            public void onChange(TaskChange change) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onEnd(TaskEnd end) {
                ended.countDown();
            }
        };
        List<java.util.logging.LogRecord> logged = io.gmerecording.testing.CapturedLog.during(
                RecordingTracker.class.getName(), () -> {
                    try (RecordingTracker tracker = RecordingTracker.over(service).listener(throwing).concurrency(1)
                            .timeSource(time).build()) {
                        tracker.track(TaskRef.of(BIZ, 1), RecordStatus.NOTIFIED);
                        tracker.start();
                        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
                    }
                });
        assertThat(logged).singleElement().satisfies(r -> assertThat(r.getMessage()).contains("listener failed"));
    }

    @Test
    void badSettingsAreRefusedByName() {
        RecordingTracker.Builder builder = RecordingTracker.over(task -> null);
        assertThatThrownBy(() -> builder.interval(RecordStatus.UPLOADING, Duration.ZERO))
                .hasMessageContaining("UPLOADING");
        assertThatThrownBy(() -> builder.concurrency(0)).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(-1))).hasMessageContaining("timeout");
        try (RecordingTracker tracker = builder.build()) {
            assertThatThrownBy(() -> tracker.track(TaskRef.of(BIZ, 1), RecordStatus.UNRECOGNIZED))
                    .hasMessageContaining("UNRECOGNIZED");
        }
    }

    @Test
    void itListsWhatItHoldsTheEarliestDueFirst() {
        JumpingTime time = new JumpingTime();
        try (RecordingTracker tracker = RecordingTracker.over(task -> null).timeSource(time).build()) {
            tracker.track(TaskRef.of(BIZ, 7), RecordStatus.NOTIFIED);
            time.advanceMillis(2000);
            tracker.track(TaskRef.of(BIZ, 3), RecordStatus.UPLOADED);
            time.advanceMillis(500);

            List<TrackedTaskState> listed = tracker.tracked();

            assertThat(listed).extracting(state -> state.task().taskId()).containsExactly(7L, 3L);
            assertThat(listed).extracting(TrackedTaskState::target)
                    .containsExactly(RecordStatus.NOTIFIED, RecordStatus.UPLOADED);
            assertThat(listed.get(0).trackedFor()).isEqualTo(Duration.ofMillis(2500));
            assertThat(listed.get(0).overdueBy()).as("no worker runs: due since tracked")
                    .isEqualTo(Duration.ofMillis(2500));
            assertThat(listed.get(1).overdueBy()).isEqualTo(Duration.ofMillis(500));
            assertThat(listed).allSatisfy(state -> assertThat(state.status()).isEmpty());
            tracker.untrack(TaskRef.of(BIZ, 7));
            assertThat(tracker.tracked()).extracting(state -> state.task().taskId()).containsExactly(3L);
        }
    }
}
