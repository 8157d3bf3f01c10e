package io.gmerecording.core;

import java.util.Objects;

/**
 * What starting a room's recording gave: the room's task, and whether it was running already (a start retried after
 * a lost answer, or a room someone else started), in which case its mode and subscription are the running task's.
 * Compared by state: the RequestId apart.
 */
public final class StartedRecording {

    private final TaskRef task;
    private final boolean alreadyRunning;
    private final String requestId;

    private StartedRecording(TaskRef task, boolean alreadyRunning, String requestId) {
        this.task = Checks.notNull(task, "task");
        this.alreadyRunning = alreadyRunning;
        this.requestId = requestId == null ? "" : requestId;
    }

    /** A task this call started. */
    public static StartedRecording started(TaskRef task, String requestId) {
        return new StartedRecording(task, false, requestId);
    }

    /** The room's task was running before this call. */
    public static StartedRecording alreadyRunning(TaskRef task, String requestId) {
        return new StartedRecording(task, true, requestId);
    }

    public TaskRef task() {
        return task;
    }

    public boolean alreadyRunning() {
        return alreadyRunning;
    }

    /** The RequestId of the answer that told the task; empty when the service gave none. */
    public String requestId() {
        return requestId;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StartedRecording)) {
            return false;
        }
        StartedRecording that = (StartedRecording) other;
        return task.equals(that.task) && alreadyRunning == that.alreadyRunning;
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, alreadyRunning);
    }

    @Override
    public String toString() {
        return "StartedRecording[" + task + (alreadyRunning ? ", already running" : "") + "]";
    }
}
