package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tracker's work with a shared store, once a period on a thread of its own: keep this replica's lease, write back
 * the statuses it saw, apply the hints other replicas received for its tasks, take over the tasks of replicas whose
 * lease lapsed, and deliver the ends nobody acknowledged in time. While the store is away, polling pauses (so nothing
 * ends unrecorded) and resumes with the first round that gets through; one WARNING per outage, one INFO at its end.
 */
final class StoreLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(RecordingTracker.class.getName());
    /** Tasks taken over and ends redelivered per round, so one round stays short whatever a dead replica held. */
    static final int BATCH = 100;

    private final TrackedTaskStore store;
    private final TrackerScheduler scheduler;
    private final TimeSource time;
    private final long periodNanos;
    private boolean away;

    StoreLoop(TrackedTaskStore store, TrackerScheduler scheduler, TimeSource time, long periodNanos) {
        this.store = store;
        this.scheduler = scheduler;
        this.time = time;
        this.periodNanos = periodNanos;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            round();
            try {
                time.sleepUntil(time.nanoTime() + periodNanos);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round; an outage pauses polling until a round gets through. */
    void round() {
        try {
            roundThrough();
        } catch (RuntimeException e) { // Unavailable, or a store that broke its contract: the same pause either way
            scheduler.pause();
            if (!away) {
                away = true;
                LOG.log(System.Logger.Level.WARNING, "the tracker's store " + store + " does not answer ("
                        + e.getMessage() + "): tracking pauses until it does; nothing is lost or ended meanwhile");
            }
            return;
        }
        if (away) {
            away = false;
            LOG.log(System.Logger.Level.INFO, "the tracker's store " + store + " answers again: tracking resumes");
        }
        scheduler.resume();
    }

    private void roundThrough() {
        if (!store.renew()) {
            scheduler.keepOnly(store.held());
        }
        scheduler.retryStoreWrites();
        List<StoredTask> changes = scheduler.unsaved();
        if (!changes.isEmpty()) {
            Set<TaskRef> lost = store.update(changes);
            scheduler.saved(changes);
            scheduler.drop(lost);
        }
        for (Map.Entry<TaskRef, List<RecordStatus>> hints : store.takeHints().entrySet()) {
            hints.getValue().forEach(announced -> scheduler.hintHeld(hints.getKey(), announced));
        }
        store.takeOver(BATCH).forEach(scheduler::adopt);
        store.takeUndelivered(BATCH).forEach(scheduler::deliver);
    }
}
