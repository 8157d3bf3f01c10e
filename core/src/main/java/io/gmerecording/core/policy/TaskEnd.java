package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.util.Optional;

/** Why a task stopped being tracked, and what was last known of it. */
public final class TaskEnd {

    /** The ways tracking a task ends. */
    public enum Outcome {
        /** Every recording reached the target status. */
        REACHED,
        /** The service answered with an error that asking again cannot fix (e.g. TaskNotFound, AuthFailure). */
        FAILED,
        /** The task's timeout passed before it reached the target. */
        TIMED_OUT,
        /** The application stopped tracking it. */
        REMOVED
    }

    private final TaskRef task;
    private final Outcome outcome;
    private final RecordStatus lastStatus;
    private final RecordingTask lastAnswer;
    private final RecordingQueryException error;

    TaskEnd(TaskRef task, Outcome outcome, RecordStatus lastStatus, RecordingTask lastAnswer,
            RecordingQueryException error) {
        this.task = task;
        this.outcome = outcome;
        this.lastStatus = lastStatus;
        this.lastAnswer = lastAnswer;
        this.error = error;
    }

    public TaskRef task() {
        return task;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The last status seen; empty when no answer showed a recording yet. */
    public Optional<RecordStatus> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /** The answer that ended tracking, for REACHED; empty otherwise (the tracker keeps no answers). */
    public Optional<RecordingTask> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }

    /** The error, for FAILED. */
    public Optional<RecordingQueryException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return "TaskEnd[" + task + ": " + outcome + (lastStatus == null ? "" : ", last " + lastStatus)
                + (error == null ? "" : ", " + error.code()) + "]";
    }
}
