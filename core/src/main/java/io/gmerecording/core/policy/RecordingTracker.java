package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.internal.Policies;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tracks many recording tasks until each reaches a target status, under one request budget.
 *
 * <p>Each task is asked about again one interval after its last answer; the interval depends on the task's status
 * (by default 20 s while RECORDING or before any recording shows, 5 s while transcoding, uploading or awaiting
 * either, 10 s for a status this version does not know). Tasks are served earliest-due first: while the budget
 * allows, no task waits much beyond its interval; when it does not, every task falls behind by about the same
 * amount instead of some starving.
 *
 * <p>Built by {@link io.gmerecording.core.GmeRecording#newTracker}: its requests take the client's permits and reach
 * its observer, but are not retried by the client; a retryable error makes the tracker ask again after a second
 * (after a full interval when the previous request for the task failed too), as does a refused permit.
 *
 * <p>Each change of a task's status and each task's end (reached, failed with an error that asking again cannot fix,
 * timed out, removed) goes to the {@link TrackerListener}. The tracker keeps a few fields per task, never the answers.
 * Tasks may be added and removed at any time; {@link #start()} starts the worker threads, {@link #close()} stops them
 * promptly (interrupting requests in flight).
 *
 * <p>What each answer, failure or refusal does to a task is {@link TrackedTask}'s rule (a state machine with no
 * threads or clocks); {@link TrackerScheduler} keeps the queue; this class holds the workers.
 */
public final class RecordingTracker implements AutoCloseable {

    /** The pause for a task that is RECORDING (or shows no recording yet) unless told otherwise. */
    public static final Duration DEFAULT_RECORDING_INTERVAL = Duration.ofSeconds(20);
    /** The pause for a task past RECORDING unless told otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** The pause for a status this version does not know unless told otherwise. */
    public static final Duration DEFAULT_UNRECOGNIZED_INTERVAL = Duration.ofSeconds(10);
    /** How long a task is tracked at most unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);
    /** Requests in flight at once unless told otherwise. */
    public static final int DEFAULT_CONCURRENCY = 2;
    /** How often a tracker over a shared store renews its lease and exchanges with the store, unless told otherwise. */
    public static final Duration DEFAULT_STORE_PERIOD = Duration.ofSeconds(1);

    private final TrackerScheduler scheduler;
    private final TrackedTaskStore store;
    private final StoreLoop storeLoop;
    private final Waiters waiters = new Waiters();
    private final int concurrency;
    private final long timeoutNanos;
    private final List<Thread> workers = new ArrayList<>();
    private boolean started;
    private boolean closed;

    private RecordingTracker(Builder builder) {
        Map<RecordStatus, Long> intervalNanos = new EnumMap<>(RecordStatus.class);
        builder.intervals.forEach((status, interval) -> intervalNanos.put(status, Policies.nanos(interval)));
        this.timeoutNanos = Policies.nanos(builder.timeout);
        this.store = builder.store;
        this.scheduler = new TrackerScheduler(builder.query, builder.listener, waiters, builder.time, builder.clock,
                store, intervalNanos, timeoutNanos,
                builder.reconciliation == null ? 0 : Policies.nanos(builder.reconciliation));
        this.storeLoop = store.shared() ? new StoreLoop(store, scheduler, builder.time,
                Policies.nanos(builder.storePeriod)) : null;
        this.concurrency = builder.concurrency;
    }

    /**
     * A tracker over {@code query}, which must not retry (the tracker asks again by its own rule) and signals a
     * refused permit with a {@link io.gmerecording.core.error.ClientLimitException};
     * {@link io.gmerecording.core.GmeRecording#newTracker} gives it the client's.
     */
    public static Builder over(RecordingQuery query) {
        return new Builder(query);
    }

    /** Starts the worker threads; tasks tracked before are polled from now on. Later calls change nothing. */
    public synchronized RecordingTracker start() {
        if (started || closed) {
            return this;
        }
        started = true;
        if (storeLoop != null) {
            storeLoop.round(); // the lease, the tasks to take over and the ends to deliver, before the first poll
            Thread loop = new Thread(storeLoop, "gme-recording-tracker-store");
            loop.setDaemon(true);
            workers.add(loop);
            loop.start();
        }
        for (int i = 1; i <= concurrency; i++) {
            Thread worker = new Thread(scheduler::work, "gme-recording-tracker-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    /**
     * Tracks {@code task} until every recording is at {@code target} or later; its first request is due now.
     *
     * @return false when the task is tracked already, by this replica or, over a shared store, another (its target is
     *     left as it was)
     * @throws IllegalStateException when the tracker is closed
     * @throws TrackedTaskStore.Unavailable when the store cannot record the task (it is not tracked: try again)
     */
    public boolean track(TaskRef task, RecordStatus target) {
        Objects.requireNonNull(task, "task must not be null");
        Objects.requireNonNull(target, "target must not be null");
        if (target == RecordStatus.UNRECOGNIZED) {
            throw new IllegalArgumentException("target must be a status of the pipeline, got " + target);
        }
        return scheduler.track(task, target);
    }

    /**
     * Tracks one task (see {@link #track}; a task tracked already keeps its target), starts the tracker, and waits
     * for the task's end: the answer that reached the target, or the end as an exception.
     *
     * @throws io.gmerecording.core.error.WaitTimeoutException when the task timed out, with the last answer seen
     * @throws io.gmerecording.core.error.RecordingQueryException the error that ended it; {@code Client.Interrupted}
     *     when this thread is interrupted, or the task is removed or the tracker closed while waiting
     * @throws IllegalStateException when another caller awaits the same task
     */
    public RecordingTask await(TaskRef task, RecordStatus target) {
        Objects.requireNonNull(task, "task must not be null");
        Waiters.Waiter waiter = waiters.register(task);
        try {
            track(task, target);
            start();
            return waiter.result(timeoutNanos);
        } finally {
            waiters.unregister(task, waiter);
        }
    }

    /**
     * Stops tracking {@code task}, whichever replica holds it, and reports its end as REMOVED to this replica's
     * listener; a request in flight for it is answered but not reported.
     *
     * @return false when the task was not tracked
     * @throws TrackedTaskStore.Unavailable when the store cannot remove it (it stays tracked)
     */
    public boolean untrack(TaskRef task) {
        return scheduler.untrack(task);
    }

    /**
     * Tells the tracker that a callback announced {@code announced} for {@code task} (UNRECOGNIZED when its event
     * names no stage): the task is asked about at once, since the event is a hint and the answer the truth; a request
     * in flight for it is followed by another. With a {@linkplain Builder#reconciliationInterval reconciliation
     * interval}, hints keep the task on that long interval.
     *
     * <p>Over a shared store, a hint for a task another replica holds reaches that replica within a
     * {@linkplain Builder#storePeriod store period}.
     *
     * @return false when the task is not tracked (the hint is dropped)
     */
    public boolean hint(TaskRef task, RecordStatus announced) {
        Objects.requireNonNull(task, "task must not be null");
        Objects.requireNonNull(announced, "announced must not be null");
        return scheduler.hint(task, announced);
    }

    /** Whether the workers run: started and not closed. */
    public synchronized boolean isRunning() {
        return started && !closed;
    }

    /** The store this tracker keeps its tasks in. */
    public TrackedTaskStore store() {
        return store;
    }

    /** How many tasks this replica polls now (over a shared store, {@code store().count()} counts every replica's). */
    public int trackedCount() {
        return scheduler.trackedCount();
    }

    /**
     * What this replica holds of each task now (status, how long tracked and unchanged, how overdue), the earliest due
     * first: a copy, read under the tracker's lock, so for an operator's view rather than a hot path.
     */
    public List<TrackedTaskState> tracked() {
        return scheduler.tracked();
    }

    /** How far behind its interval the most overdue task is now; zero when none is overdue. */
    public Duration currentStaleness() {
        return scheduler.currentStaleness();
    }

    /** The furthest any request went out behind its task's due time, since the start. */
    public Duration worstStaleness() {
        return scheduler.worstStaleness();
    }

    /** Requests sent (or attempted) since the start; refused permits do not count. */
    public long requests() {
        return scheduler.requests();
    }

    /**
     * Stops the workers, interrupting requests in flight, and waits up to five seconds for them; tasks still tracked
     * get no end report (an {@link #await} in progress fails with {@code Client.Interrupted}). A shared store keeps
     * them, for another replica or the next run to take over; the store itself is the caller's to close. Idempotent.
     */
    @Override
    public void close() {
        List<Thread> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(workers);
        }
        scheduler.close();
        waiters.closed(toString());
        stopping.forEach(Thread::interrupt);
        try {
            for (Thread worker : stopping) {
                worker.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RecordingTracker[" + trackedCount() + " tasks, " + concurrency + " workers]";
    }

    /**
     * Defaults: 2 workers, each task timing out after 6 hours, the intervals in the class comment, no listener,
     * system time.
     */
    public static final class Builder {
        private final RecordingQuery query;
        private final Map<RecordStatus, Duration> intervals = new EnumMap<>(RecordStatus.class);
        private TrackerListener listener = TrackerListener.NONE;
        private TimeSource time = TimeSource.system();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration reconciliation;
        private TrackedTaskStore store = TrackedTaskStore.inMemory();
        private Clock clock = Clock.systemUTC();
        private Duration storePeriod = DEFAULT_STORE_PERIOD;

        private Builder(RecordingQuery query) {
            this.query = Objects.requireNonNull(query, "query must not be null");
            for (RecordStatus status : RecordStatus.values()) {
                intervals.put(status, DEFAULT_INTERVAL);
            }
            intervals.put(RecordStatus.RECORDING, DEFAULT_RECORDING_INTERVAL);
            intervals.put(RecordStatus.UNRECOGNIZED, DEFAULT_UNRECOGNIZED_INTERVAL);
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

        /**
         * For an application that passes the recording callbacks on ({@link RecordingTracker#hint}): each task waits
         * {@code interval} between requests instead of its status's interval while the callbacks keep up, and goes
         * back to its status's intervals when an answer shows a stage that no callback announced (an event lost).
         * Off by default: every task polls at its status's interval.
         */
        public Builder reconciliationInterval(Duration interval) {
            this.reconciliation = Policies.positive(interval, "reconciliationInterval");
            return this;
        }

        /** Hears of every change and end; {@link TrackerListener#all} for several. */
        public Builder listener(TrackerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /** How long after it was added a task that has not reached its target ends as TIMED_OUT. */
        public Builder timeout(Duration timeout) {
            this.timeout = Policies.positive(timeout, "timeout");
            return this;
        }

        /** Requests in flight at once; enough to use the budget when each request takes a while. */
        public Builder concurrency(int workers) {
            this.concurrency = Policies.atLeastOne(workers, "concurrency");
            return this;
        }

        /**
         * Where the tracked tasks are kept (default {@link TrackedTaskStore#inMemory()}). Over a shared store, each
         * tracker is a replica: it polls the tasks it tracks or takes over, records each end once, delivers it until
         * its listener returns (the end's {@link TaskEnd#id()} tells a repeat), and pauses while the store is away.
         */
        public Builder store(TrackedTaskStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /** How often a tracker over a shared store exchanges with it (its lease, statuses, hints, takeovers, ends). */
        public Builder storePeriod(Duration period) {
            this.storePeriod = Policies.positive(period, "storePeriod");
            return this;
        }

        /** The wall clock that deadlines and times kept in a store are read from (default the system's, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
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
