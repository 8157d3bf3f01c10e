package io.gmerecording.core;

/** Names one recording task: the application (BizId) and the task within it (TaskId), both positive 64-bit ids. */
public final class TaskRef {

    private final long bizId;
    private final long taskId;

    private TaskRef(long bizId, long taskId) {
        this.bizId = bizId;
        this.taskId = taskId;
    }

    /** @throws IllegalArgumentException naming the id when either is not positive */
    public static TaskRef of(long bizId, long taskId) {
        if (bizId <= 0) {
            throw new IllegalArgumentException("bizId must be a positive 64-bit integer, got " + bizId);
        }
        if (taskId <= 0) {
            throw new IllegalArgumentException("taskId must be a positive 64-bit integer, got " + taskId);
        }
        return new TaskRef(bizId, taskId);
    }

    public long bizId() {
        return bizId;
    }

    public long taskId() {
        return taskId;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TaskRef)) {
            return false;
        }
        TaskRef that = (TaskRef) other;
        return bizId == that.bizId && taskId == that.taskId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bizId) * 31 + Long.hashCode(taskId);
    }

    @Override
    public String toString() {
        return "TaskRef[bizId=" + bizId + ", taskId=" + taskId + "]";
    }
}
