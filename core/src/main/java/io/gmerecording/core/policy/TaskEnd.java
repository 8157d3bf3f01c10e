package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.util.Objects;
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

    private final String id;
    private final TaskRef task;
    private final Outcome outcome;
    private final RecordStatus lastStatus;
    private final RecordingTask lastAnswer;
    private final RecordingQueryException error;

    TaskEnd(TaskRef task, Outcome outcome, RecordStatus lastStatus, RecordingTask lastAnswer,
            RecordingQueryException error) {
        this(null, task, outcome, lastStatus, lastAnswer, error);
    }

    private TaskEnd(String id, TaskRef task, Outcome outcome, RecordStatus lastStatus, RecordingTask lastAnswer,
            RecordingQueryException error) {
        this.id = id;
        this.task = task;
        this.outcome = outcome;
        this.lastStatus = lastStatus;
        this.lastAnswer = lastAnswer;
        this.error = error;
    }

    /**
     * An end as a {@link TrackedTaskStore} gives it back for delivery: {@code id} as its {@link TrackedTaskStore#end}
     * returned; {@code lastAnswer} for REACHED and {@code error} for FAILED, null otherwise.
     */
    public static TaskEnd recorded(String id, TaskRef task, Outcome outcome, RecordStatus lastStatus,
            RecordingTask lastAnswer, RecordingQueryException error) {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(task, "task must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
        return new TaskEnd(id, task, outcome, lastStatus, lastAnswer, error);
    }

    TaskEnd withId(String recordedId) {
        return new TaskEnd(recordedId, task, outcome, lastStatus, lastAnswer, error);
    }

    /**
     * The end's id, the same each time this end is delivered: a listener that must act once per end (process the
     * files once) keeps the ids it has acted on. Empty for REMOVED, which is reported once, to the caller's replica.
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
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
        return "TaskEnd[" + (id == null ? "" : id + " ") + task + ": " + outcome + (lastStatus == null ? "" : ", last " + lastStatus)
                + (error == null ? "" : ", " + error.code()) + "]";
    }
}
