package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.TaskRef;
import io.gmerecording.testing.SteppedService;
import io.gmerecording.testing.SteppedTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trackers as replicas over one shared store, on stepped time: a dead replica's tasks are taken over after its lease,
 * an end is recorded once and delivered until a listener returns, a hint reaches whichever replica holds the task,
 * and while the store is away nothing is polled or ended.
 */
class SharedTrackingTest {

    private static final long BIZ = 1400000000L;
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofMillis(250);

    private final SteppedTime time = new SteppedTime();
    private final SharedMemoryStore store = new SharedMemoryStore(time, LEASE, DELIVERY);
    private final SteppedService service = new SteppedService(time, BIZ);
    private final List<RecordingTracker> trackers = new ArrayList<>();

    @AfterEach
    void closeTrackers() {
        trackers.forEach(RecordingTracker::close);
    }

    /** A started replica that tracks {@code tasks}, once its listener heard each task's first status. */
    private RecordingTracker trackingUntilSeen(String name, RecordingQuery service, HeardEvents heard,
            List<TaskRef> tasks, Duration most) throws InterruptedException {
        RecordingTracker tracker = replica(name, service, heard);
        tasks.forEach(task -> tracker.track(task, RecordStatus.NOTIFIED));
        tracker.start();
        assertThat(time.advanceUntil(() -> heard.changes.size() == tasks.size(), STEP, most)).isTrue();
        return tracker;
    }

    private RecordingTracker replica(String name, RecordingQuery service, TrackerListener listener) {
        RecordingTracker tracker = RecordingTracker.over(service).timeSource(time).clock(time)
                .store(store.replica(name)).listener(listener).interval(RecordStatus.RECORDING, Duration.ofSeconds(5))
                .build();
        trackers.add(tracker);
        return tracker;
    }

    @Test
    void aDeadReplicasTasksAreTakenOverAfterItsLeaseAndEachEndIsReportedOnceWithItsStatusKept() throws Exception {
        List<TaskRef> tasks = service.tasks(20, Duration.ofSeconds(40));
        SteppedService serviceA = service.replica();
        SteppedService serviceB = service.replica();
        HeardEvents heardA = new HeardEvents();
        HeardEvents heardB = new HeardEvents();
        RecordingTracker a = trackingUntilSeen("a", serviceA, heardA, tasks, Duration.ofSeconds(5));
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(2)); // A's store loop writes the statuses back

        a.close(); // as a replica killed: no more renewals, its tasks stay in the store
        RecordingTracker b = replica("b", serviceB, heardB).start();
        assertThat(time.advanceUntil(() -> b.trackedCount() == 20, STEP, LEASE.multipliedBy(2))).isTrue();
        assertThat(time.advanceUntil(() -> heardB.ends.size() == 20, STEP, Duration.ofSeconds(60))).isTrue();
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(5));

        assertThat(heardA.ends).isEmpty();
        assertThat(heardB.ends).extracting(TaskEnd::task).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(heardB.ends).allSatisfy(end -> {
            assertThat(end.outcome()).isEqualTo(TaskEnd.Outcome.REACHED);
            assertThat(end.id()).isPresent();
        });
        assertThat(heardB.changes).as("B went on from the RECORDING that A saw: its first change is NOTIFIED")
                .allSatisfy(change -> assertThat(change.previous()).contains(RecordStatus.RECORDING));
        assertThat(store.pendingEnds()).as("every end acknowledged").isZero();
        assertThat(b.store().count()).isZero();
    }

    @Test
    void anEndIsDeliveredAgainWithTheSameIdUntilAListenerReturnsEvenWhenItsReplicaDied() throws Exception {
        List<TaskRef> tasks = service.tasks(2, Duration.ofSeconds(3));
        HeardEvents heardB = new HeardEvents();
        List<TaskEnd> triedA = new CopyOnWriteArrayList<>();
        AtomicBoolean failing = new AtomicBoolean(true);
        RecordingTracker a = replica("a", service.replica(), new HeardEvents() {
            @Override
            public void onEnd(TaskEnd end) {
                triedA.add(end);
                if (failing.get()) {
                    throw new IllegalStateException("the files could not be processed yet");
                }
            }
        });
        tasks.forEach(task -> a.track(task, RecordStatus.NOTIFIED));
        a.start();
        assertThat(time.advanceUntil(() -> triedA.size() == 2, STEP, Duration.ofSeconds(10))).isTrue();
        assertThat(store.pendingEnds()).as("not acknowledged: the listener threw").isEqualTo(2);

        failing.set(false);
        assertThat(time.advanceUntil(() -> triedA.size() == 4, STEP, DELIVERY.multipliedBy(2))).isTrue();
        assertThat(store.pendingEnds()).isZero();
        Map<String, Long> deliveries = triedA.stream().collect(Collectors.groupingBy(end -> end.id().orElseThrow(),
                Collectors.counting()));
        assertThat(deliveries).as("each end twice, by its id").hasSize(2).containsValues(2L, 2L);

        TaskRef third = TaskRef.of(BIZ, 3);
        service.notifiedIn(third, Duration.ZERO);
        failing.set(true);
        a.track(third, RecordStatus.NOTIFIED);
        assertThat(time.advanceUntil(() -> triedA.size() == 5, STEP, Duration.ofSeconds(10))).isTrue();
        a.close(); // died before its listener got through
        RecordingTracker b = replica("b", service.replica(), heardB).start();
        assertThat(time.advanceUntil(() -> heardB.ends.size() == 1, STEP, DELIVERY.multipliedBy(2))).isTrue();
        assertThat(heardB.ends.get(0).id()).isEqualTo(triedA.get(4).id());
        assertThat(heardB.ends.get(0).task()).isEqualTo(third);
        assertThat(store.pendingEnds()).isZero();
    }

    @Test
    void aHintGivenToAnyReplicaMakesTheHolderAskAtOnce() throws Exception {
        TaskRef task = service.tasks(1, Duration.ofHours(1)).get(0);
        HeardEvents heardA = new HeardEvents();
        RecordingTracker a = replica("a", service, heardA);
        RecordingTracker b = replica("b", service.replica(), new HeardEvents());
        a.track(task, RecordStatus.NOTIFIED);
        a.start();
        b.start();
        assertThat(time.advanceUntil(() -> heardA.changes.size() == 1, STEP, Duration.ofSeconds(3))).isTrue();
        int asked = service.requests();

        service.notifiedIn(task, Duration.ZERO);
        assertThat(b.hint(task, RecordStatus.UPLOADED)).as("B does not hold it; the store passes it on").isTrue();
        assertThat(time.advanceUntil(() -> heardA.ends.size() == 1, Duration.ofMillis(100), Duration.ofMillis(1500)))
                .as("A asked within a store period, not after its 5 s interval").isTrue();
        assertThat(service.requests()).isEqualTo(asked + 1);
        assertThat(b.hint(TaskRef.of(BIZ, 99), RecordStatus.UPLOADED)).isFalse();
    }

    @Test
    void whileTheStoreIsAwayNothingIsPolledOrEndedAndTrackingResumesWhenItIsBack() throws Exception {
        List<TaskRef> tasks = service.tasks(5, Duration.ofSeconds(20));
        HeardEvents heard = new HeardEvents();
        RecordingTracker a = trackingUntilSeen("a", service, heard, tasks, Duration.ofSeconds(3));

        store.away(true);
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(3)); // the store loop notices within a period
        int before = service.requests();
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(60));
        assertThat(service.requests()).as("no polling while the store is away").isEqualTo(before);
        assertThat(heard.ends).isEmpty();

        store.away(false);
        assertThat(time.advanceUntil(() -> heard.ends.size() == 5, STEP, Duration.ofSeconds(10))).isTrue();
        assertThat(heard.ends).extracting(TaskEnd::outcome).containsOnly(TaskEnd.Outcome.REACHED);
        time.advanceUntil(() -> false, STEP, Duration.ofSeconds(3));
        assertThat(store.pendingEnds()).isZero();
        assertThat(heard.ends).hasSize(5);
    }

    @Test
    void aReplicaWhoseLeaseLapsedStopsPollingTheTasksAnotherTookOver() throws Exception {
        List<TaskRef> tasks = service.tasks(4, Duration.ofHours(1));
        SteppedService serviceA = service.replica();
        HeardEvents heardA = new HeardEvents();
        HeardEvents heardB = new HeardEvents();
        RecordingTracker a = trackingUntilSeen("a", serviceA, heardA, tasks, Duration.ofSeconds(3));

        store.away(true); // A alone is cut off (its store loop fails), B is started after its lease lapsed
        time.advanceUntil(() -> false, STEP, LEASE.plusSeconds(2));
        store.away(false);
        RecordingTracker b = replica("b", service.replica(), heardB).start();
        assertThat(time.advanceUntil(() -> b.trackedCount() == 4 && a.trackedCount() == 0, STEP,
                Duration.ofSeconds(5))).as("B took them over; A learnt it on its next round").isTrue();
        tasks.forEach(task -> assertThat(store.ownerOf(task)).isEqualTo("b"));
        int asked = serviceA.requests();
        tasks.forEach(task -> service.notifiedIn(task, Duration.ZERO));
        assertThat(time.advanceUntil(() -> heardB.ends.size() == 4, STEP, Duration.ofSeconds(10))).isTrue();
        assertThat(serviceA.requests()).isEqualTo(asked);
        assertThat(heardA.ends).isEmpty();
    }
}
