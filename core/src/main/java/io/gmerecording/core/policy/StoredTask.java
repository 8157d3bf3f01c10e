package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tracked task as a {@link TrackedTaskStore} keeps it: what another replica needs to go on tracking it. Times are
 * wall-clock instants, so that they mean the same on every replica (keep their clocks in sync).
 */
public final class StoredTask {

    private final TaskRef task;
    private final RecordStatus target;
    private final Instant trackedSince;
    private final Instant deadline;
    private final RecordStatus status;
    private final Instant statusSince;

    private StoredTask(TaskRef task, RecordStatus target, Instant trackedSince, Instant deadline, RecordStatus status,
            Instant statusSince) {
        this.task = Objects.requireNonNull(task, "task must not be null");
        this.target = Objects.requireNonNull(target, "target must not be null");
        this.trackedSince = Objects.requireNonNull(trackedSince, "trackedSince must not be null");
        this.deadline = Objects.requireNonNull(deadline, "deadline must not be null");
        this.status = status;
        this.statusSince = Objects.requireNonNull(statusSince, "statusSince must not be null");
    }

    /** {@code status} null when no answer showed a recording yet. */
    public static StoredTask of(TaskRef task, RecordStatus target, Instant trackedSince, Instant deadline,
            RecordStatus status, Instant statusSince) {
        return new StoredTask(task, target, trackedSince, deadline, status, statusSince);
    }

    public TaskRef task() {
        return task;
    }

    /** The status every recording must reach. */
    public RecordStatus target() {
        return target;
    }

    public Instant trackedSince() {
        return trackedSince;
    }

    /** When tracking gives up (TIMED_OUT). */
    public Instant deadline() {
        return deadline;
    }

    /** The last status seen; empty before any answer showed a recording. */
    public Optional<RecordStatus> status() {
        return Optional.ofNullable(status);
    }

    /** Since when the last status has been seen (when tracking began, before any). */
    public Instant statusSince() {
        return statusSince;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StoredTask)) {
            return false;
        }
        StoredTask that = (StoredTask) other;
        return task.equals(that.task) && target == that.target && trackedSince.equals(that.trackedSince)
                && deadline.equals(that.deadline) && status == that.status && statusSince.equals(that.statusSince);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, target, trackedSince, deadline, status, statusSince);
    }

    @Override
    public String toString() {
        return "StoredTask[" + task + " until " + target + ", last " + (status == null ? "none" : status) + " since "
                + statusSince + ", deadline " + deadline + "]";
    }
}
