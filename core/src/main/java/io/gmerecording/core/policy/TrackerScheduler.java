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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link RecordingTracker}'s scheduler: the due queue, what a worker does with the task it takes, and the counts. A
 * tracked task is changed only while holding {@code lock}; events are built from values read under it and sent after
 * it is released, so a listener may call back into the tracker.
 */
final class TrackerScheduler {

    private static final long IDLE_WAIT_NANOS = 60_000_000_000L;
    private static final long SLICE_NANOS = 250_000_000L;

    private final RecordingQuery query;
    private final TrackerListener listener;
    private final Waiters waiters;
    private final TimeSource time;
    private final Map<RecordStatus, Long> intervalNanos;
    private final long timeoutNanos;
    private final long reconciliationNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<TrackedTask> due = new PriorityQueue<>();
    private final Map<TaskRef, TrackedTask> tracked = new HashMap<>();
    private long sequence;
    private long worstStalenessNanos;
    private long requests;
    private volatile boolean closed;

    TrackerScheduler(RecordingQuery query, TrackerListener listener, Waiters waiters, TimeSource time,
            Map<RecordStatus, Long> intervalNanos, long timeoutNanos, long reconciliationNanos) {
        this.query = query;
        this.listener = TrackerListener.all(listener, waiters);
        this.waiters = waiters;
        this.time = time;
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.reconciliationNanos = reconciliationNanos;
    }

    /** @throws IllegalStateException when closed */
    boolean track(TaskRef task, RecordStatus target) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the tracker is closed; cannot track " + task);
            }
            if (tracked.containsKey(task)) {
                return false;
            }
            long now = time.nanoTime();
            TrackedTask entry = new TrackedTask(task, target, now, Policies.plus(now, timeoutNanos), sequence++,
                    intervalNanos, reconciliationNanos);
            tracked.put(task, entry);
            due.add(entry);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean untrack(TaskRef task) {
        TaskEnd end;
        lock.lock();
        try {
            TrackedTask entry = tracked.remove(task);
            if (entry == null) {
                return false;
            }
            entry.untracked();
            due.remove(entry);
            end = new TaskEnd(entry.task, TaskEnd.Outcome.REMOVED, entry.status(), null, null);
        } finally {
            lock.unlock();
        }
        ObserverGroup.safelyListening(listener, l -> l.onEnd(end));
        return true;
    }

    /** A callback's hint (see {@link TrackedTask#hinted}); false when the task is not tracked. */
    boolean hint(TaskRef task, RecordStatus announced) {
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
                if (head == null) {
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
            }
            if (transition.step == TrackedTask.Transition.Step.WAIT) {
                due.add(entry);
                changed.signal();
            } else if (transition.step == TrackedTask.Transition.Step.END) {
                tracked.remove(entry.task);
                end = new TaskEnd(entry.task, transition.outcome, entry.status(),
                        transition.outcome == TaskEnd.Outcome.REACHED ? answer : null,
                        transition.outcome == TaskEnd.Outcome.FAILED ? error : null);
            }
        } finally {
            lock.unlock();
        }
        TaskChange changeEvent = change;
        TaskEnd endEvent = end;
        if (changeEvent != null) {
            ObserverGroup.safelyListening(listener, l -> l.onChange(changeEvent));
        }
        if (endEvent != null) {
            ObserverGroup.safelyListening(listener, l -> l.onEnd(endEvent));
        }
        return transition;
    }
}
