package io.gmerecording.core;

import java.util.Objects;

/**
 * The running recording task of a room, as {@code DescribeTaskInfo} tells it: the task, how it records and whose
 * streams. Compared by state: the RequestId of the answer that told it is apart.
 */
public final class RoomTask {

    private final TaskRef task;
    private final RoomRef room;
    private final long recordModeCode;
    private final Subscription subscription;
    private final String requestId;

    private RoomTask(TaskRef task, RoomRef room, long recordModeCode, Subscription subscription, String requestId) {
        this.task = Checks.notNull(task, "task");
        this.room = Checks.notNull(room, "room");
        this.recordModeCode = recordModeCode;
        this.subscription = Checks.notNull(subscription, "subscription");
        this.requestId = requestId == null ? "" : requestId;
    }

    /** @throws IllegalArgumentException when the task and the room are of two applications */
    public static RoomTask of(TaskRef task, RoomRef room, long recordModeCode, Subscription subscription,
            String requestId) {
        if (task.bizId() != room.bizId()) {
            throw new IllegalArgumentException("the task " + task + " and the room " + room + " are of two applications");
        }
        return new RoomTask(task, room, recordModeCode, subscription, requestId);
    }

    public TaskRef task() {
        return task;
    }

    public RoomRef room() {
        return room;
    }

    /** {@link RecordMode#UNRECOGNIZED} for a code this version does not know; the code is {@link #recordModeCode}. */
    public RecordMode recordMode() {
        return RecordMode.fromCode(recordModeCode);
    }

    public long recordModeCode() {
        return recordModeCode;
    }

    public Subscription subscription() {
        return subscription;
    }

    /** The RequestId of the answer; empty when the service gave none. */
    public String requestId() {
        return requestId;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RoomTask)) {
            return false;
        }
        RoomTask that = (RoomTask) other;
        return task.equals(that.task) && room.equals(that.room) && recordModeCode == that.recordModeCode
                && subscription.equals(that.subscription);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, room, recordModeCode, subscription);
    }

    @Override
    public String toString() {
        return "RoomTask[" + task + ", " + room + ", " + recordMode() + ", " + subscription + "]";
    }
}
