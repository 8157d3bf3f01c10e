package io.gmerecording.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.testing.SteppedService;
import io.gmerecording.testing.SteppedTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trackers as replicas over a real redis-server, on stepped time: a dead replica's tasks taken over after its lease,
 * a restart that resumes what was tracked, an end acknowledged once, and Redis stopped and started again mid-run with
 * nothing lost (it keeps its data in an append-only file, as a Redis holding tracked tasks must).
 */
class RedisTrackingTest {

    private static final long BIZ = 1400000000L;
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofMillis(100);

    @TempDir
    Path data;

    private final SteppedTime time = new SteppedTime();
    private final SteppedService service = new SteppedService(time, BIZ);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private LocalRedis redis;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static final class Ends implements TrackerListener {
        final List<TaskEnd> heard = new CopyOnWriteArrayList<>();

        @Override
        public void onEnd(TaskEnd end) {
            heard.add(end);
        }
    }

    private void startRedis(String... settings) {
        redis = LocalRedis.start(settings);
    }

    private RedisTrackedTaskStore store(String replica) {
        RedisTrackedTaskStore store = RedisTrackedTaskStore.builder(redis.location()).replica(replica).clock(time)
                .lease(LEASE).deliveryTime(Duration.ofSeconds(30)).redisTimeout(Duration.ofMillis(500)).build();
        opened.add(store);
        return store;
    }

    private RecordingTracker tracker(RedisTrackedTaskStore store, TrackerListener listener) {
        RecordingTracker tracker = RecordingTracker.over(service).timeSource(time).clock(time).store(store)
                .listener(listener).interval(RecordStatus.RECORDING, Duration.ofSeconds(5)).build();
        opened.add(tracker);
        return tracker;
    }

    private static void assertEachOnceReached(List<TaskEnd> ends, List<TaskRef> tasks) {
        assertThat(ends).extracting(TaskEnd::task).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(ends).extracting(TaskEnd::outcome).containsOnly(TaskEnd.Outcome.REACHED);
        assertThat(ends.stream().map(end -> end.id().orElseThrow()).distinct()).hasSize(tasks.size());
    }

    @Test
    void aKilledReplicasTasksAreTakenOverAfterItsLeaseAndEndedOnce() throws Exception {
        startRedis();
        List<TaskRef> tasks = service.tasks(30, Duration.ofSeconds(30));
        Ends heardA = new Ends();
        Ends heardB = new Ends();
        RedisTrackedTaskStore storeA = store("a");
        RecordingTracker a = tracker(storeA, heardA);
        tasks.forEach(task -> a.track(task, RecordStatus.NOTIFIED));
        a.start();
        RecordingTracker b = tracker(store("b"), heardB).start();
        assertThat(time.advanceUntil(() -> service.requests() >= 30, STEP, Duration.ofSeconds(5))).isTrue();
        a.close(); // killed: no renewal, no hand-over
        storeA.close();

        assertThat(time.advanceUntil(() -> b.trackedCount() == 30, STEP, LEASE.multipliedBy(3))).isTrue();
        assertThat(time.advanceUntil(() -> heardB.heard.size() == 30, STEP, Duration.ofSeconds(60))).isTrue();
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(3));
        assertThat(heardA.heard).isEmpty();
        assertEachOnceReached(heardB.heard, tasks);
        assertThat(redis.command("HLEN", "gme-recording:tracker:{default}:ends")).as("all acknowledged")
                .isEqualTo("[0]");
    }

    @Test
    void aRestartedReplicaResumesWhatWasTrackedAtOnceAfterAHandOver() throws Exception {
        startRedis();
        List<TaskRef> tasks = service.tasks(20, Duration.ofSeconds(20));
        Ends before = new Ends();
        RedisTrackedTaskStore first = store("pod-1");
        RecordingTracker tracker = tracker(first, before);
        tasks.forEach(task -> tracker.track(task, RecordStatus.NOTIFIED));
        tracker.start();
        assertThat(time.advanceUntil(() -> service.requests() >= 20, STEP, Duration.ofSeconds(5))).isTrue();
        tracker.close(); // a deploy: the tracker stops, its replica hands its tasks over
        first.handOver();
        first.close();

        Ends after = new Ends();
        RecordingTracker restarted = tracker(store("pod-1-restarted"), after).start();
        assertThat(restarted.trackedCount()).as("taken over as it started, no lease to wait for").isEqualTo(20);
        assertThat(time.advanceUntil(() -> after.heard.size() == 20, STEP, Duration.ofSeconds(40))).isTrue();
        assertThat(before.heard).isEmpty();
        assertEachOnceReached(after.heard, tasks);
    }

    @Test
    void anAcknowledgedEndIsNeverDeliveredAgainAndAnUnacknowledgedOneIsOnceMore() throws Exception {
        startRedis();
        List<TaskRef> tasks = service.tasks(4, Duration.ofSeconds(2));
        List<TaskEnd> heard = new CopyOnWriteArrayList<>();
        AtomicBoolean failTaskOne = new AtomicBoolean(true);
        RecordingTracker tracker = tracker(store("a"), new TrackerListener() {
            @Override
            public void onEnd(TaskEnd end) {
                heard.add(end);
                if (end.task().taskId() == 1 && failTaskOne.getAndSet(false)) {
                    throw new IllegalStateException("the file store was down");
                }
            }
        });
        tasks.forEach(task -> tracker.track(task, RecordStatus.NOTIFIED));
        tracker.start();
        assertThat(time.advanceUntil(() -> heard.size() == 5, STEP, Duration.ofSeconds(90))).isTrue();
        time.advanceUntil(() -> false, Duration.ofSeconds(1), Duration.ofSeconds(120));

        Map<Long, List<String>> idsByTask = heard.stream().collect(Collectors.groupingBy(end -> end.task().taskId(),
                Collectors.mapping(end -> end.id().orElseThrow(), Collectors.toList())));
        assertThat(idsByTask.get(1L)).as("given again with its id, once the listener threw").hasSize(2)
                .containsOnly(idsByTask.get(1L).get(0));
        for (long id = 2; id <= 4; id++) {
            assertThat(idsByTask.get(id)).as("task %d, acknowledged", id).hasSize(1);
        }
    }

    @Test
    void redisStoppedAndStartedAgainMidRunPausesTrackingAndLosesNothing() throws Exception {
        startRedis("appendonly yes", "appendfsync always", "dir " + data);
        List<TaskRef> tasks = service.tasks(10, Duration.ofSeconds(30));
        Ends heard = new Ends();
        RecordingTracker tracker = tracker(store("a"), heard);
        tasks.forEach(task -> tracker.track(task, RecordStatus.NOTIFIED));
        tracker.start();
        assertThat(time.advanceUntil(() -> service.requests() >= 10, STEP, Duration.ofSeconds(5))).isTrue();

        redis.stop();
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(3)); // the store loop finds it away
        int whileAway = service.requests();
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(60)); // past every task's NOTIFIED
        assertThat(service.requests()).as("no polling while Redis is away").isLessThanOrEqualTo(whileAway + 2);
        assertThat(heard.heard).as("nothing ends unrecorded").isEmpty();

        redis.restart();
        assertThat(time.advanceUntil(() -> heard.heard.size() == 10, STEP, Duration.ofSeconds(120))).isTrue();
        assertEachOnceReached(heard.heard, tasks);
    }
}
