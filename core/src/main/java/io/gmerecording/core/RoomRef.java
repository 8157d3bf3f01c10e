package io.gmerecording.core;

/** Names one room: the application (BizId, a positive 64-bit id) and the room's id within it. */
public final class RoomRef {

    private final long bizId;
    private final RoomId roomId;

    private RoomRef(long bizId, RoomId roomId) {
        this.bizId = bizId;
        this.roomId = roomId;
    }

    /** @throws IllegalArgumentException naming the value when the BizId is not positive or the room id breaks a rule */
    public static RoomRef of(long bizId, String roomId) {
        return of(bizId, RoomId.of(roomId));
    }

    /** @throws IllegalArgumentException naming the BizId when it is not positive */
    public static RoomRef of(long bizId, RoomId roomId) {
        if (bizId <= 0) {
            throw new IllegalArgumentException("bizId must be a positive 64-bit integer, got " + bizId);
        }
        return new RoomRef(bizId, Checks.notNull(roomId, "roomId"));
    }

    public long bizId() {
        return bizId;
    }

    public RoomId roomId() {
        return roomId;
    }

    /** The task {@code taskId} of this room's application. */
    public TaskRef task(long taskId) {
        return TaskRef.of(bizId, taskId);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RoomRef)) {
            return false;
        }
        RoomRef that = (RoomRef) other;
        return bizId == that.bizId && roomId.equals(that.roomId);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bizId) * 31 + roomId.hashCode();
    }

    @Override
    public String toString() {
        return "RoomRef[bizId=" + bizId + ", roomId=" + roomId.value() + "]";
    }
}
