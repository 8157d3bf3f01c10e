package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ClientLimitException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.internal.ObserverGroup;
import io.gmerecording.core.internal.Policies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link RecordingTracker}'s scheduler: the due queue of the tasks this replica holds, what a worker does with the
 * task it takes, and the counts. A tracked task is changed only while holding {@code lock}; events are built from
 * values read under it and sent after it is released, so a listener may call back into the tracker; the store is
 * called with no lock held.
 */
final class TrackerScheduler {

    private static final long IDLE_WAIT_NANOS = 60_000_000_000L;
    private static final long SLICE_NANOS = 250_000_000L;

    private final RecordingQuery query;
    private final TrackerListener listener;
    private final Waiters waiters;
    private final TrackedTaskStore store;
    private final long anchorNanos;
    private final Instant anchorWall;
    private final TimeSource time;
    private final Map<RecordStatus, Long> intervalNanos;
    private final long timeoutNanos;
    private final long reconciliationNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<TrackedTask> due = new PriorityQueue<>();
    private final Map<TaskRef, TrackedTask> tracked = new HashMap<>();
    /** Tasks whose status changed since the store last heard of them (a shared store only). */
    private final Set<TaskRef> unsaved = new LinkedHashSet<>();
    /** Ends the store could not record yet, and ends heard but not acknowledged to it yet (a shared store only). */
    private final List<TaskEnd> unrecorded = new ArrayList<>();
    private final List<String> unacknowledged = new ArrayList<>();
    private boolean paused;
    private long sequence;
    private long worstStalenessNanos;
    private long requests;
    private volatile boolean closed;

    TrackerScheduler(RecordingQuery query, TrackerListener listener, Waiters waiters, TimeSource time, Clock clock,
            TrackedTaskStore store, Map<RecordStatus, Long> intervalNanos, long timeoutNanos,
            long reconciliationNanos) {
        this.query = query;
        this.listener = listener;
        this.waiters = waiters;
        this.time = time;
        this.store = store;
        this.anchorNanos = time.nanoTime();
        this.anchorWall = clock.instant();
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.reconciliationNanos = reconciliationNanos;
    }

    /**
     * @throws IllegalStateException when closed
     * @throws TrackedTaskStore.Unavailable when the store cannot record it (it is not tracked)
     */
    boolean track(TaskRef task, RecordStatus target) {
        TrackedTask entry;
        lock.lock();
        try {
            checkOpen(task);
            if (tracked.containsKey(task)) {
                return false;
            }
            long now = time.nanoTime();
            entry = new TrackedTask(task, target, now, Policies.plus(now, timeoutNanos), sequence++, intervalNanos,
                    reconciliationNanos);
        } finally {
            lock.unlock();
        }
        if (!store.add(stored(entry))) {
            return false; // tracked by another replica, or by this one meanwhile
        }
        lock.lock();
        try {
            checkOpen(task);
            enqueue(entry);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes on a task another replica (or an earlier run) tracked, due now; false when this replica has it. */
    boolean adopt(StoredTask stored) {
        lock.lock();
        try {
            if (closed || tracked.containsKey(stored.task())) {
                return false;
            }
            long now = time.nanoTime();
            TrackedTask entry = new TrackedTask(stored.task(), stored.target(), now, nanos(stored.deadline()),
                    sequence++, intervalNanos, reconciliationNanos);
            entry.resume(nanos(stored.trackedSince()), stored.status().orElse(null), nanos(stored.statusSince()));
            enqueue(entry);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(TrackedTask entry) {
        tracked.put(entry.task, entry);
        due.add(entry);
        changed.signal();
    }

    private void checkOpen(TaskRef task) {
        if (closed) {
            throw new IllegalStateException("the tracker is closed; cannot track " + task);
        }
    }

    /** A task as a store keeps it. */
    private StoredTask stored(TrackedTask entry) {
        return StoredTask.of(entry.task, entry.target, wall(entry.trackedAt()), wall(entry.deadline), entry.status(),
                wall(entry.statusSince()));
    }

    /** This replica's nanoseconds as the wall-clock instant a store keeps, and back. */
    private Instant wall(long nanos) {
        return anchorWall.plusNanos(nanos - anchorNanos);
    }

    private long nanos(Instant wall) {
        long sinceAnchor;
        try {
            sinceAnchor = Duration.between(anchorWall, wall).toNanos();
        } catch (ArithmeticException farAway) {
            sinceAnchor = wall.isAfter(anchorWall) ? Long.MAX_VALUE / 4 : Long.MIN_VALUE / 4;
        }
        return Policies.plus(anchorNanos, sinceAnchor);
    }

    /** @throws TrackedTaskStore.Unavailable when the store cannot remove it (it stays tracked) */
    boolean untrack(TaskRef task) {
        if (!store.remove(task)) {
            return false;
        }
        TaskEnd end;
        lock.lock();
        try {
            TrackedTask entry = tracked.remove(task);
            RecordStatus last = null;
            if (entry != null) {
                entry.untracked();
                due.remove(entry);
                last = entry.status();
            }
            unsaved.remove(task);
            end = new TaskEnd(task, TaskEnd.Outcome.REMOVED, last, null, null);
        } finally {
            lock.unlock();
        }
        tell(end);
        return true;
    }

    /**
     * A callback's hint (see {@link TrackedTask#hinted}); one for a task this replica does not hold goes to the store,
     * for its holder. False when the task is not tracked.
     */
    boolean hint(TaskRef task, RecordStatus announced) {
        return hintHeld(task, announced) || store.hint(task, announced);
    }

    /** A hint for a task this replica holds; false when it holds none such. */
    boolean hintHeld(TaskRef task, RecordStatus announced) {
        TrackedTask entry = underLock(() -> tracked.get(task));
        if (entry == null) {
            return false;
        }
        apply(entry, hinted -> {
            boolean waiting = due.remove(hinted); // its due time may change: out of the queue first
            TrackedTask.Transition transition = hinted.hinted(announced, time.nanoTime());
            if (waiting && transition.step == TrackedTask.Transition.Step.NOTED) {
                due.add(hinted); // unchanged; a WAIT goes back in through apply
            }
            return transition;
        }, null, null);
        return true;
    }

    /** Every tracked task's state, the earliest due first (those in flight last). */
    List<TrackedTaskState> tracked() {
        return underLock(() -> {
            long now = time.nanoTime();
            List<TrackedTask> ordered = new ArrayList<>(tracked.values());
            ordered.sort(Comparator.comparing(TrackedTask::inFlight)
                    .thenComparing(Comparator.naturalOrder()));
            List<TrackedTaskState> states = new ArrayList<>(ordered.size());
            ordered.forEach(task -> states.add(task.state(now)));
            return states;
        });
    }

    int trackedCount() {
        return underLock(() -> tracked.size());
    }

    Duration currentStaleness() {
        return underLock(() -> {
            TrackedTask head = due.peek();
            return head == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, time.nanoTime() - head.dueAt()));
        });
    }

    Duration worstStaleness() {
        return underLock(() -> Duration.ofNanos(worstStalenessNanos));
    }

    long requests() {
        return underLock(() -> requests);
    }

    /** While the store is away: no task is polled (so none ends) until {@link #resume()}. */
    void pause() {
        underLock(() -> paused = true);
    }

    void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The changed tasks the store has not heard of, as it keeps them; they stay unsaved until {@link #saved}. */
    List<StoredTask> unsaved() {
        return underLock(() -> {
            List<StoredTask> changes = new ArrayList<>();
            for (TaskRef task : unsaved) {
                TrackedTask entry = tracked.get(task);
                if (entry != null) {
                    changes.add(stored(entry));
                }
            }
            return changes;
        });
    }

    void saved(Collection<StoredTask> changes) {
        underLock(() -> changes.forEach(change -> unsaved.remove(change.task())));
    }

    /** Stops polling tasks another replica holds now (or that were removed elsewhere), with no end reported. */
    void drop(Collection<TaskRef> lost) {
        underLock(() -> {
            for (TaskRef task : lost) {
                TrackedTask entry = tracked.remove(task);
                if (entry != null) {
                    entry.dropped();
                    due.remove(entry);
                }
                unsaved.remove(task);
            }
            return null;
        });
    }

    /** Keeps only the tasks the store says this replica still holds (after its lease lapsed). */
    void keepOnly(Set<TaskRef> held) {
        List<TaskRef> lost = new ArrayList<>();
        underLock(() -> {
            tracked.keySet().stream().filter(task -> !held.contains(task)).forEach(lost::add);
            return null;
        });
        drop(lost);
    }

    /**
     * Records ends the store could not take before, delivers them, and acknowledges deliveries it could not take;
     * what fails again stays for the next call.
     *
     * @throws TrackedTaskStore.Unavailable when the store is still away
     */
    void retryStoreWrites() {
        List<TaskEnd> ends = underLock(() -> new ArrayList<>(unrecorded));
        for (TaskEnd end : ends) {
            Optional<String> id = store.end(end);
            underLock(() -> unrecorded.remove(end));
            id.ifPresent(recorded -> deliver(end.withId(recorded)));
        }
        List<String> ids = underLock(() -> new ArrayList<>(unacknowledged));
        for (String id : ids) {
            store.acknowledge(id);
            underLock(() -> unacknowledged.remove(id));
        }
    }

    /** From now on no event changes a task or is reported; workers waiting for a task are woken. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void underLock(Runnable change) {
        underLock(() -> {
            change.run();
            return null;
        });
    }

    private <T> T underLock(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** A worker thread's loop: take the next due task, poll it, until closed. */
    void work() {
        while (!closed) {
            TrackedTask next;
            try {
                next = nextDue();
            } catch (InterruptedException e) {
                return;
            }
            if (next != null) {
                poll(next);
            }
        }
    }

    /**
     * Waits for the earliest-due task to fall due and takes it out of the queue; null when closed. Waits for a due
     * time by sleeping in slices of at most a quarter second, so a task added meanwhile (due at once) waits no longer
     * than that; with nothing tracked, waits to be told of a new task.
     */
    private TrackedTask nextDue() throws InterruptedException {
        while (!closed) {
            long wakeAt;
            lock.lockInterruptibly();
            try {
                TrackedTask head = due.peek();
                long now = time.nanoTime();
                if (head == null || paused) {
                    time.awaitUntil(changed, Policies.plus(now, IDLE_WAIT_NANOS));
                    continue;
                }
                if (now - head.dueAt() >= 0) {
                    due.poll();
                    worstStalenessNanos = Math.max(worstStalenessNanos, now - head.dueAt());
                    return head;
                }
                wakeAt = Math.min(head.dueAt() - now, SLICE_NANOS) + now;
            } finally {
                lock.unlock();
            }
            time.sleepUntil(wakeAt);
        }
        return null;
    }

    /** One due task: its request, then what the answer, failure or refusal does to it (see {@link TrackedTask}). */
    private void poll(TrackedTask entry) {
        if (apply(entry, task -> task.due(time.nanoTime()), null, null).step != TrackedTask.Transition.Step.SEND) {
            return;
        }
        RecordingTask answer;
        try {
            answer = query.describe(entry.task);
        } catch (ClientLimitException refused) {
            apply(entry, task -> task.refused(time.nanoTime()), null, null);
            return;
        } catch (RecordingQueryException error) {
            apply(entry, task -> task.failed(error.isRetryable(), time.nanoTime()), null, error);
            return;
        } catch (RuntimeException bug) {
            apply(entry, task -> task.failed(false, time.nanoTime()), null, ErrorCodes.unexpectedFailure(
                    "the query threw " + bug.getClass().getName() + " for " + entry.task, bug));
            return;
        }
        waiters.saw(entry.task, answer);
        apply(entry, task -> task.answered(answer.status().orElse(null), answer.allRecordingsAtLeast(task.target),
                time.nanoTime()), answer, null);
    }

    /**
     * Applies one event to a task under the lock (nothing, once the tracker is closed), queues it again when it
     * waits, and reports its change and end after the lock is released.
     */
    private TrackedTask.Transition apply(TrackedTask entry, Function<TrackedTask, TrackedTask.Transition> event,
            RecordingTask answer, RecordingQueryException error) {
        TrackedTask.Transition transition;
        TaskChange change = null;
        TaskEnd end = null;
        lock.lock();
        try {
            if (closed) {
                return TrackedTask.IGNORED; // tasks still tracked at close get no report
            }
            transition = event.apply(entry);
            if (transition.step != TrackedTask.Transition.Step.SEND && transition.step
                    != TrackedTask.Transition.Step.IGNORED && (answer != null || error != null)) {
                requests++;
            }
            if (transition.changed) {
                change = new TaskChange(entry.task, transition.previous, entry.status(), answer);
                if (store.shared() && transition.step != TrackedTask.Transition.Step.END) {
                    unsaved.add(entry.task);
                }
            }
            if (transition.step == TrackedTask.Transition.Step.WAIT) {
                due.add(entry);
                changed.signal();
            } else if (transition.step == TrackedTask.Transition.Step.END) {
                tracked.remove(entry.task);
                unsaved.remove(entry.task);
                end = new TaskEnd(entry.task, transition.outcome, entry.status(),
                        transition.outcome == TaskEnd.Outcome.REACHED ? answer : null,
                        transition.outcome == TaskEnd.Outcome.FAILED ? error : null);
            }
        } finally {
            lock.unlock();
        }
        TaskChange changeEvent = change;
        if (changeEvent != null) {
            ObserverGroup.safelyListening(listener, l -> l.onChange(changeEvent));
            waiters.onChange(changeEvent);
        }
        if (end != null) {
            record(end);
        }
        return transition;
    }

    /**
     * An end this replica reached: recorded in the store once (another replica that holds the task now reports it
     * instead), then delivered; one the store cannot take now is recorded and delivered when it is back.
     */
    private void record(TaskEnd end) {
        Optional<String> id;
        try {
            id = store.end(end);
        } catch (TrackedTaskStore.Unavailable away) {
            underLock(() -> unrecorded.add(end));
            return;
        }
        id.ifPresent(recorded -> deliver(end.withId(recorded)));
    }

    /**
     * Tells the listener of a recorded end and, once it returns, acknowledges it to the store; an end whose listener
     * throws is not acknowledged, and a shared store gives it again later.
     */
    void deliver(TaskEnd end) {
        waiters.onEnd(end);
        if (!ObserverGroup.safelyListening(listener, l -> l.onEnd(end)) || !store.shared()) {
            return;
        }
        String id = end.id().orElseThrow();
        try {
            store.acknowledge(id);
        } catch (TrackedTaskStore.Unavailable away) {
            underLock(() -> unacknowledged.add(id));
        }
    }

    /** An end reported once to this replica's listener, not recorded (REMOVED). */
    private void tell(TaskEnd end) {
        waiters.onEnd(end);
        ObserverGroup.safelyListening(listener, l -> l.onEnd(end));
    }
}
