package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import java.time.Duration;
import java.util.Optional;

/**
 * What the tracker holds of one task at one moment ({@link RecordingTracker#tracked()}): for an operator's page or
 * an endpoint, not for decisions (the task may have moved on by the time it is read).
 */
public final class TrackedTaskState {

    private final TaskRef task;
    private final RecordStatus target;
    private final RecordStatus status;
    private final Duration trackedFor;
    private final Duration unchangedFor;
    private final Duration overdueBy;
    private final boolean inFlight;

    TrackedTaskState(TaskRef task, RecordStatus target, RecordStatus status, Duration trackedFor,
            Duration unchangedFor, Duration overdueBy, boolean inFlight) {
        this.task = task;
        this.target = target;
        this.status = status;
        this.trackedFor = trackedFor;
        this.unchangedFor = unchangedFor;
        this.overdueBy = overdueBy;
        this.inFlight = inFlight;
    }

    public TaskRef task() {
        return task;
    }

    public RecordStatus target() {
        return target;
    }

    /** The last status seen; empty before any answer showed a recording. */
    public Optional<RecordStatus> status() {
        return Optional.ofNullable(status);
    }

    /** How long ago tracking it began. */
    public Duration trackedFor() {
        return trackedFor;
    }

    /** How long its status has been what it is (since tracking began, before any status was seen). */
    public Duration unchangedFor() {
        return unchangedFor;
    }

    /** How far past its due time it waits for a request (its staleness); zero when not yet due or in flight. */
    public Duration overdueBy() {
        return overdueBy;
    }

    /** Whether a request about it is under way. */
    public boolean inFlight() {
        return inFlight;
    }

    @Override
    public String toString() {
        return "TrackedTaskState[" + task + ": " + (status == null ? "no status yet" : status) + " -> " + target
                + ", tracked " + trackedFor + ", unchanged " + unchangedFor
                + (inFlight ? ", in flight" : overdueBy.isZero() ? "" : ", overdue " + overdueBy) + "]";
    }
}
