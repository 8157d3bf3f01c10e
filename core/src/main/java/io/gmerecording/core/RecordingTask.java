package io.gmerecording.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the service said about one task: its room, its recording mode and its recordings. Two answers that show the same
 * state are equal whatever their RequestIds: the RequestId says which answer this was, not what the task is.
 */
public final class RecordingTask {

    private final TaskRef ref;
    private final String roomId;
    private final long recordModeCode;
    private final List<Recording> recordings;
    private final String requestId;

    private RecordingTask(TaskRef ref, String roomId, long recordModeCode, List<Recording> recordings, String requestId) {
        this.ref = Checks.notNull(ref, "ref");
        this.roomId = Checks.notNull(roomId, "roomId");
        this.recordModeCode = recordModeCode;
        List<Recording> copy = new ArrayList<>(Checks.notNull(recordings, "recordings"));
        for (int i = 0; i < copy.size(); i++) {
            Checks.notNull(copy.get(i), "recordings[" + i + "]");
        }
        this.recordings = Collections.unmodifiableList(copy);
        this.requestId = Checks.notNull(requestId, "requestId");
    }

    /** @param recordModeCode the API's RecordMode code; unknown codes are kept as {@link RecordMode#UNRECOGNIZED} */
    public static RecordingTask of(
            TaskRef ref, String roomId, long recordModeCode, List<Recording> recordings, String requestId) {
        return new RecordingTask(ref, roomId, recordModeCode, recordings, requestId);
    }

    public TaskRef ref() {
        return ref;
    }

    public String roomId() {
        return roomId;
    }

    public RecordMode recordMode() {
        return RecordMode.fromCode(recordModeCode);
    }

    /** The raw RecordMode code as the service sent it. */
    public long recordModeCode() {
        return recordModeCode;
    }

    /** Never null; empty when the service reported no recordings (RecordInfo null or absent). */
    public List<Recording> recordings() {
        return recordings;
    }

    /** The RequestId of the answer this value came from; quote it to Tencent support. */
    public String requestId() {
        return requestId;
    }

    /**
     * The task's status: its least advanced recording's, or UNRECOGNIZED when any recording's status is one this
     * version does not know; empty when it shows no recording yet.
     */
    public Optional<RecordStatus> status() {
        RecordStatus least = null;
        for (Recording recording : recordings) {
            RecordStatus status = recording.status();
            if (status == RecordStatus.UNRECOGNIZED) {
                return Optional.of(status);
            }
            if (least == null || status.ordinal() < least.ordinal()) {
                least = status;
            }
        }
        return Optional.ofNullable(least);
    }

    /** True when there is at least one recording and every one is at {@code target} or later. */
    public boolean allRecordingsAtLeast(RecordStatus target) {
        Checks.notNull(target, "target");
        if (recordings.isEmpty()) {
            return false;
        }
        for (Recording recording : recordings) {
            if (!recording.status().isAtLeast(target)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RecordingTask)) {
            return false;
        }
        RecordingTask that = (RecordingTask) other;
        return recordModeCode == that.recordModeCode
                && ref.equals(that.ref)
                && roomId.equals(that.roomId)
                && recordings.equals(that.recordings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref, roomId, recordModeCode, recordings);
    }

    @Override
    public String toString() {
        return "RecordingTask[" + ref + ", roomId=" + roomId + ", recordMode=" + recordMode() + "(" + recordModeCode
                + "), recordings=" + recordings + ", requestId=" + requestId + "]";
    }
}
