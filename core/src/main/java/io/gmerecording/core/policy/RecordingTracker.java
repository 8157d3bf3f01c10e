package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Tracks many recording tasks until each reaches a target status, under one request budget.
 *
 * <p>Each task is asked about again one interval after its last answer; the interval depends on the task's status
 * (by default 20 s while RECORDING or before any recording shows, 5 s while transcoding, uploading or awaiting
 * either, 10 s for a status this version does not know). Every request takes a permit from one {@link PermitSource},
 * shared by all tasks (and, with a shared source, by every replica). Tasks are served earliest-due first: while the
 * budget allows, no task waits much beyond its interval; when it does not, every task falls behind by about the same
 * amount instead of some starving.
 *
 * <p>Give the tracker the adapter itself, without a limiter or retries of its own: every request goes through the
 * tracker's permit source, and a retryable error makes the tracker ask again after a second (after a full interval
 * when the previous request for the task failed too). A refused permit (the budget's wait bound, or a shared limit
 * that fails closed) does the same, after at most a second.
 *
 * <p>Each change of a task's status and each task's end (reached, failed with an error that asking again cannot fix,
 * timed out, removed) goes to the {@link TrackerListener}. The tracker keeps a few fields per task, never the answers.
 * Tasks may be added and removed at any time; {@link #start()} starts the worker threads, {@link #close()} stops them
 * promptly (interrupting requests in flight) and does not close the query.
 *
 * <p>What each answer, failure or refusal does to a task is {@link TrackedTask}'s rule (a state machine with no
 * threads or clocks); this class is its scheduler: the queue, the workers and the permits. A tracked task is changed
 * only while holding {@code lock}; events are built from values read under it and sent after it is released, so a
 * listener may call back into the tracker.
 */
public final class RecordingTracker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RecordingTracker.class.getName());
    private static final long IDLE_WAIT_NANOS = 60_000_000_000L;
    private static final long SLICE_NANOS = 250_000_000L;

    private final RecordingQuery query;
    private final PermitSource permits;
    private final TrackerListener listener;
    private final RecordingObserver observer;
    private final TimeSource time;
    private final Map<RecordStatus, Long> intervalNanos = new EnumMap<>(RecordStatus.class);
    private final long timeoutNanos;
    private final int concurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<TrackedTask> due = new PriorityQueue<>();
    private final Map<TaskRef, TrackedTask> tracked = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private long sequence;
    private long worstStalenessNanos;
    private long requests;
    private boolean started;
    private volatile boolean closed;

    private RecordingTracker(Builder builder) {
        this.query = builder.observer == RecordingObserver.NONE ? builder.query : ObservedRecordingQuery.over(
                builder.query, ObservedRecordingQuery.nameOf(builder.query), builder.observer, builder.time);
        this.permits = builder.permits != null ? builder.permits
                : RateLimiter.perSecond(builder.requestsPerSecond).timeSource(builder.time).build();
        this.listener = builder.listener;
        this.observer = builder.observer;
        this.time = builder.time;
        builder.intervals.forEach((status, interval) -> intervalNanos.put(status, Policies.nanos(interval)));
        this.timeoutNanos = Policies.nanos(builder.timeout);
        this.concurrency = builder.concurrency;
    }

    /** A tracker over {@code query}, the adapter itself (see the class comment). */
    public static Builder over(RecordingQuery query) {
        return new Builder(query);
    }

    /** Starts the worker threads; tasks tracked before are polled from now on. Later calls change nothing. */
    public RecordingTracker start() {
        lock.lock();
        try {
            if (started || closed) {
                return this;
            }
            started = true;
            for (int i = 1; i <= concurrency; i++) {
                Thread worker = new Thread(this::work, "gme-recording-tracker-" + i);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Tracks {@code task} until every recording is at {@code target} or later; its first request is due now.
     *
     * @return false when the task is tracked already (its target is left as it was)
     * @throws IllegalStateException when the tracker is closed
     */
    public boolean track(TaskRef task, RecordStatus target) {
        Objects.requireNonNull(task, "task must not be null");
        Objects.requireNonNull(target, "target must not be null");
        if (target == RecordStatus.UNRECOGNIZED) {
            throw new IllegalArgumentException("target must be a status of the pipeline, got " + target);
        }
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
                    intervalNanos);
            tracked.put(task, entry);
            due.add(entry);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops tracking {@code task} and reports its end as REMOVED; a request in flight for it is answered but not
     * reported.
     *
     * @return false when the task was not tracked
     */
    public boolean untrack(TaskRef task) {
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
        reportEnd(end);
        return true;
    }

    /** How many tasks are tracked now. */
    public int trackedCount() {
        lock.lock();
        try {
            return tracked.size();
        } finally {
            lock.unlock();
        }
    }

    /** How far behind its interval the most overdue task is now; zero when none is overdue. */
    public Duration currentStaleness() {
        lock.lock();
        try {
            TrackedTask head = due.peek();
            return head == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, time.nanoTime() - head.dueAt()));
        } finally {
            lock.unlock();
        }
    }

    /** The furthest any request went out behind its task's due time, since the start. */
    public Duration worstStaleness() {
        lock.lock();
        try {
            return Duration.ofNanos(worstStalenessNanos);
        } finally {
            lock.unlock();
        }
    }

    /** Requests sent (or attempted) since the start. */
    public long requests() {
        lock.lock();
        try {
            return requests;
        } finally {
            lock.unlock();
        }
    }

    private void work() {
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

    /** One due task: its request, then what the answer or failure does to it (see {@link TrackedTask}). */
    private void poll(TrackedTask entry) {
        if (apply(entry, task -> task.due(time.nanoTime()), null, null).step != TrackedTask.Transition.Step.SEND) {
            return;
        }
        PermitSource.Permit permit;
        try {
            permit = RateLimitedRecordingQuery.acquire(permits, observer, time);
        } catch (RecordingQueryException refused) {
            apply(entry, task -> task.refused(time.nanoTime()), null, null);
            return;
        }
        RecordingTask answer;
        try {
            countRequest();
            answer = query.describe(entry.task);
        } catch (RecordingQueryException error) {
            apply(entry, task -> task.failed(error.isRetryable(), time.nanoTime()), null, error);
            return;
        } catch (RuntimeException bug) {
            apply(entry, task -> task.failed(false, time.nanoTime()), null, ErrorCodes.unexpectedFailure(
                    "the query threw " + bug.getClass().getName() + " for " + entry.task, bug));
            return;
        } finally {
            permit.release();
        }
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
        if (change != null) {
            report(change, RecordingObserver::trackerChanged, TrackerListener::onChange);
        }
        if (end != null) {
            reportEnd(end);
        }
        return transition;
    }

    private void countRequest() {
        lock.lock();
        try {
            requests++;
        } finally {
            lock.unlock();
        }
    }

    private void reportEnd(TaskEnd end) {
        report(end, RecordingObserver::trackerEnded, TrackerListener::onEnd);
    }

    /** Tells the observer, then the listener; neither one's failure stops tracking or keeps the other from hearing. */
    private <E> void report(E event, BiConsumer<RecordingObserver, E> toObserver,
            BiConsumer<TrackerListener, E> toListener) {
        ObserverGroup.safely(observer, o -> toObserver.accept(o, event));
        try {
            toListener.accept(listener, event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the tracker's listener failed on " + event, e);
        }
    }

    /**
     * Stops the workers, interrupting requests in flight, and waits up to five seconds for them; tasks still tracked
     * get no end report. Does not close the query or the permit source.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            worker.interrupt();
        }
        try {
            for (Thread worker : workers) {
                worker.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RecordingTracker[" + trackedCount() + " tasks, " + concurrency + " workers, " + permits + "]";
    }

    /**
     * Defaults: 20 requests per second from a limiter of its own (or the given permit source), 2 workers, each task
     * timing out after 6 hours, the intervals in the class comment, no listener, system time.
     */
    public static final class Builder {
        private final RecordingQuery query;
        private final Map<RecordStatus, Duration> intervals = new EnumMap<>(RecordStatus.class);
        private PermitSource permits;
        private double requestsPerSecond = 20;
        private TrackerListener listener = new TrackerListener() { };
        private RecordingObserver observer = RecordingObserver.NONE;
        private TimeSource time = TimeSource.system();
        private Duration timeout = Duration.ofHours(6);
        private int concurrency = 2;

        private Builder(RecordingQuery query) {
            this.query = Objects.requireNonNull(query, "query must not be null");
            for (RecordStatus status : RecordStatus.values()) {
                intervals.put(status, Duration.ofSeconds(5));
            }
            intervals.put(RecordStatus.RECORDING, Duration.ofSeconds(20));
            intervals.put(RecordStatus.UNRECOGNIZED, Duration.ofSeconds(10));
        }

        /** The pause between two requests for a task in {@code status}; RECORDING's also applies before any shows. */
        public Builder interval(RecordStatus status, Duration interval) {
            Objects.requireNonNull(status, "status must not be null");
            Objects.requireNonNull(interval, "interval must not be null");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the interval for " + status + " must be positive, got "
                        + interval);
            }
            intervals.put(status, interval);
            return this;
        }

        /** The budget, as a limiter of the tracker's own; ignored when {@link #permits} is given. */
        public Builder maxRequestsPerSecond(double rate) {
            this.requestsPerSecond = Policies.positiveRate(rate, "maxRequestsPerSecond");
            return this;
        }

        /** The budget every request takes a permit from, e.g. one shared by every replica. */
        public Builder permits(PermitSource permits) {
            this.permits = Objects.requireNonNull(permits, "permits must not be null");
            return this;
        }

        /** Tells {@code observer} of every request, permit wait, change and end (for metrics and traces). */
        public Builder observer(RecordingObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer must not be null");
            return this;
        }

        public Builder listener(TrackerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /** How long after it was added a task that has not reached its target ends as TIMED_OUT. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Requests in flight at once; enough to use the budget when each request takes a while. */
        public Builder concurrency(int workers) {
            this.concurrency = Policies.atLeastOne(workers, "concurrency");
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        /** A tracker that has not started yet: add tasks, then {@link RecordingTracker#start()}. */
        public RecordingTracker build() {
            return new RecordingTracker(this);
        }
    }
}
