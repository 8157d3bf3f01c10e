package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.internal.Policies;
import java.time.Duration;
import java.util.Map;

/**
 * One tracked task and the rule for what each event does to it: a state machine with no threads, clocks or queues
 * (the tracker's scheduler holds its lock around every call and acts on the {@link Transition} returned).
 *
 * <p>States: waiting (due at {@code dueAt}), in flight (taken out of the queue), ended. Events and what they do:
 * <ul>
 *   <li>falls due: past its deadline it ends TIMED_OUT, else a request goes out;</li>
 *   <li>answered: a status other than the last one is a change; every recording at the target ends it REACHED,
 *       else it is due one interval (of its status) later;</li>
 *   <li>a retryable failure: due again after a second (at most its interval), or a whole interval when the previous
 *       request failed too;</li>
 *   <li>a failure that asking again cannot fix: ends FAILED;</li>
 *   <li>the permit refused: due again after a second (at most its interval);</li>
 *   <li>untracked: ends REMOVED;</li>
 *   <li>hinted (a callback said the task reached a stage its last answer did not show): a waiting task is due
 *       now, one in flight is asked again as soon as its answer is in (that answer may predate the event);</li>
 * </ul>
 * With a reconciliation interval (the application passes callbacks on as hints), a task waits that long between
 * requests instead of its status's interval, while the callbacks keep up: an answer showing a stage of the pipeline
 * (recording; finished and being processed; uploaded) that no hint announced means an event was lost, and the task
 * goes back to its status's intervals until a hint comes again. The first answer only sets where the task is.
 * A due time is never past the deadline, so a task's last request goes at its deadline. An ended task ignores every
 * event. Ordered by due time, then by arrival.
 */
final class TrackedTask implements Comparable<TrackedTask> {

    static final long SOON_NANOS = 1_000_000_000L;

    /** What an event did: the task's next step, and whether its status changed. */
    static final class Transition {
        enum Step { SEND, WAIT, END, NOTED, IGNORED }

        final Step step;
        final TaskEnd.Outcome outcome;
        final boolean changed;
        final RecordStatus previous;

        private Transition(Step step, TaskEnd.Outcome outcome, boolean changed, RecordStatus previous) {
            this.step = step;
            this.outcome = outcome;
            this.changed = changed;
            this.previous = previous;
        }

        @Override
        public String toString() {
            return step + (outcome == null ? "" : " " + outcome) + (changed ? " (changed from " + previous + ")" : "");
        }
    }

    private static final Transition SEND = new Transition(Transition.Step.SEND, null, false, null);
    private static final Transition WAIT = new Transition(Transition.Step.WAIT, null, false, null);
    /** A hint that moves nothing now: for a task in flight (asked again once answered), or nothing new. */
    private static final Transition NOTED = new Transition(Transition.Step.NOTED, null, false, null);
    /** What an event does to an ended task, or to any once the tracker is closed: nothing. */
    static final Transition IGNORED = new Transition(Transition.Step.IGNORED, null, false, null);

    final TaskRef task;
    final RecordStatus target;
    final long deadline;
    private final long order;
    private final Map<RecordStatus, Long> intervalNanos;
    private final long firstIntervalNanos;
    private long dueAt;
    private RecordStatus status;
    private boolean ended;
    private boolean lastFailed;
    private final long reconciliationNanos;
    private boolean callbackDriven;
    private boolean answeredOnce;
    private int announcedStage;
    private boolean inFlight;
    private boolean askAgain;
    private long trackedAt;
    private long statusSince;

    /** Due at {@code now}; {@code intervalNanos} per status, RECORDING's also before any recording shows. */
    TrackedTask(TaskRef task, RecordStatus target, long now, long deadline, long order,
            Map<RecordStatus, Long> intervalNanos, long reconciliationNanos) {
        this.task = task;
        this.target = target;
        this.dueAt = now;
        this.trackedAt = now;
        this.statusSince = now;
        this.deadline = deadline;
        this.order = order;
        this.intervalNanos = intervalNanos;
        this.firstIntervalNanos = intervalNanos.get(RecordStatus.RECORDING);
        this.reconciliationNanos = reconciliationNanos;
        this.callbackDriven = reconciliationNanos > 0;
    }

    long dueAt() {
        return dueAt;
    }

    long trackedAt() {
        return trackedAt;
    }

    long statusSince() {
        return statusSince;
    }

    /**
     * Goes on from where another replica (or an earlier run) left the task: tracked since {@code tracked}, its last
     * status seen since {@code since}. Its first answer here is a change only when it shows another status.
     */
    void resume(long tracked, RecordStatus lastStatus, long since) {
        trackedAt = tracked;
        status = lastStatus;
        statusSince = since;
    }

    /** Another replica holds it now, or it was removed elsewhere: it ends here with no report. */
    void dropped() {
        ended = true;
    }

    /** The last status seen; null before any answer showed a recording. */
    RecordStatus status() {
        return status;
    }

    /** What it holds now, for {@link RecordingTracker#tracked()}. */
    TrackedTaskState state(long now) {
        return new TrackedTaskState(task, target, status, Duration.ofNanos(now - trackedAt),
                Duration.ofNanos(now - statusSince), Duration.ofNanos(inFlight ? 0 : Math.max(0, now - dueAt)),
                inFlight);
    }

    boolean inFlight() {
        return inFlight;
    }

    boolean ended() {
        return ended;
    }

    /** The task fell due and left the queue: a request, or its end past the deadline. */
    Transition due(long now) {
        if (ended) {
            return IGNORED;
        }
        if (now - deadline >= 0) {
            return end(TaskEnd.Outcome.TIMED_OUT);
        }
        inFlight = true;
        return SEND;
    }

    /** An answer: {@code answered} its status (null when it shows no recording), {@code reached} the target's test. */
    Transition answered(RecordStatus answered, boolean reached, long now) {
        if (ended) {
            return IGNORED;
        }
        lastFailed = false;
        inFlight = false;
        int stage = stage(answered);
        if (answeredOnce && stage > announcedStage) {
            callbackDriven = false;
        }
        answeredOnce = true;
        announcedStage = Math.max(announcedStage, stage);
        RecordStatus previous = status;
        boolean changed = answered != null && answered != previous;
        if (changed) {
            status = answered;
            statusSince = now;
        }
        if (reached) {
            ended = true;
            return new Transition(Transition.Step.END, TaskEnd.Outcome.REACHED, changed, previous);
        }
        waitFor(now, askAgain ? 0 : interval());
        askAgain = false;
        return changed ? new Transition(Transition.Step.WAIT, null, true, previous) : WAIT;
    }

    /** A failed request: asked again ({@code retryable}) or ended FAILED. */
    Transition failed(boolean retryable, long now) {
        if (ended) {
            return IGNORED;
        }
        inFlight = false;
        askAgain = false;
        if (!retryable) {
            return end(TaskEnd.Outcome.FAILED);
        }
        // a single hiccup is asked again soon, so it does not hide a short status; a lasting one waits an interval
        waitFor(now, lastFailed ? interval() : Math.min(SOON_NANOS, interval()));
        lastFailed = true;
        return WAIT;
    }

    /** The budget refused a permit (its wait bound, a shared limit away): asked again after at most a second. */
    Transition refused(long now) {
        if (ended) {
            return IGNORED;
        }
        inFlight = false;
        askAgain = false;
        waitFor(now, Math.min(SOON_NANOS, interval()));
        return WAIT;
    }

    /**
     * A callback about the task, announcing {@code announced} (UNRECOGNIZED when its event names no known stage).
     * One that announces a stage beyond the last answer's (or an unknown one) makes a waiting task (taken out of
     * the queue by the caller) due now, and one in flight ask again once answered; one that announces what the last
     * answer showed already is only noted, the task keeping its due time.
     */
    Transition hinted(RecordStatus announced, long now) {
        if (ended) {
            return IGNORED;
        }
        int stage = stage(announced);
        announcedStage = Math.max(announcedStage, stage);
        callbackDriven = reconciliationNanos > 0;
        boolean news = stage == 0 || stage > stage(status);
        if (inFlight || !news) {
            askAgain |= inFlight && news;
            return NOTED;
        }
        dueAt = now;
        return WAIT;
    }

    /** The pipeline's stages as its callbacks announce them: recording, finished (being processed), uploaded. */
    private static int stage(RecordStatus status) {
        if (status == null || status == RecordStatus.UNRECOGNIZED) {
            return 0;
        }
        if (status == RecordStatus.RECORDING) {
            return 1;
        }
        return status.compareTo(RecordStatus.UPLOADED) >= 0 ? 3 : 2;
    }

    /** The application stopped tracking it. */
    Transition untracked() {
        return ended ? IGNORED : end(TaskEnd.Outcome.REMOVED);
    }

    private Transition end(TaskEnd.Outcome outcome) {
        ended = true;
        return new Transition(Transition.Step.END, outcome, false, status);
    }

    private long interval() {
        if (callbackDriven) {
            return reconciliationNanos;
        }
        return status == null ? firstIntervalNanos : intervalNanos.get(status);
    }

    private void waitFor(long now, long afterNanos) {
        long at = Policies.plus(now, afterNanos);
        dueAt = at - deadline > 0 ? deadline : at;
    }

    @Override
    public int compareTo(TrackedTask other) {
        int byDue = Long.compare(dueAt - other.dueAt, 0);
        return byDue != 0 ? byDue : Long.compare(order, other.order);
    }
}
