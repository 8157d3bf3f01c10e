package io.gmerecording.callbacks;

import io.gmerecording.core.RecordMode;
import io.gmerecording.core.TaskRef;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording callback, verified and typed. The callback spells its fields differently from the API
 * ({@code TaskID}, {@code BizID}) and counts RecordMode from 0 (0 single, 1 mixed); here they are the API's types.
 * A field this version does not know is kept, as its JSON text, in {@link #otherFields()}.
 */
public final class RecordingEvent {

    private final TaskRef task;
    private final String roomId;
    private final String userId;
    private final Long callbackRecordMode;
    private final Instant timestamp;
    private final long typeCode;
    private final long seqNo;
    private final String fileName;
    private final Map<String, String> otherFields;

    RecordingEvent(TaskRef task, String roomId, String userId, Long callbackRecordMode, Instant timestamp,
            long typeCode, long seqNo, String fileName, Map<String, String> otherFields) {
        this.task = task;
        this.roomId = roomId;
        this.userId = userId;
        this.callbackRecordMode = callbackRecordMode;
        this.timestamp = timestamp;
        this.typeCode = typeCode;
        this.seqNo = seqNo;
        this.fileName = fileName;
        this.otherFields = Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
    }

    /** The task the event is about ({@code BizID} and {@code TaskID}). */
    public TaskRef task() {
        return task;
    }

    public Optional<String> roomId() {
        return Optional.ofNullable(roomId);
    }

    /** Whose file; empty when the callback names nobody. */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /**
     * The record mode in the API's terms: the callback's 0 is {@link RecordMode#SINGLE_STREAM}, its 1
     * {@link RecordMode#MIXED_STREAM}; another value, or none, is {@link RecordMode#UNRECOGNIZED}.
     */
    public RecordMode recordMode() {
        if (callbackRecordMode == null) {
            return RecordMode.UNRECOGNIZED;
        }
        return callbackRecordMode == 0 ? RecordMode.SINGLE_STREAM
                : callbackRecordMode == 1 ? RecordMode.MIXED_STREAM : RecordMode.UNRECOGNIZED;
    }

    /** The RecordMode as the callback sent it (0 single, 1 mixed); empty when absent. */
    public Optional<Long> callbackRecordModeCode() {
        return Optional.ofNullable(callbackRecordMode);
    }

    /** When the service sent it (the body's {@code Timestamp}); empty when absent. */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    public RecordingEventType type() {
        return RecordingEventType.fromCode(typeCode);
    }

    /** The EventType as sent, also when {@link #type()} does not know it. */
    public long typeCode() {
        return typeCode;
    }

    /** The file's segment number ({@code Detail.SeqNo}; 0 when absent). */
    public long seqNo() {
        return seqNo;
    }

    /** {@code Detail.FileName}: where the file is, as the service named it (do not parse it). */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** Fields this version does not know, by name (a {@code Detail} field as {@code Detail.Name}), as JSON text. */
    public Map<String, String> otherFields() {
        return otherFields;
    }

    /**
     * What identifies this event among its repeats: the task, the user, the segment and the event type. The
     * service may send an event twice; two events with equal keys are one.
     */
    public String deduplicationKey() {
        return task.bizId() + "/" + task.taskId() + "/" + (userId == null ? "" : userId) + "/" + seqNo + "/"
                + typeCode;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RecordingEvent)) {
            return false;
        }
        RecordingEvent that = (RecordingEvent) other;
        return task.equals(that.task) && Objects.equals(roomId, that.roomId) && Objects.equals(userId, that.userId)
                && Objects.equals(callbackRecordMode, that.callbackRecordMode)
                && Objects.equals(timestamp, that.timestamp) && typeCode == that.typeCode && seqNo == that.seqNo
                && Objects.equals(fileName, that.fileName) && otherFields.equals(that.otherFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, roomId, userId, callbackRecordMode, timestamp, typeCode, seqNo, fileName,
                otherFields);
    }

    @Override
    public String toString() {
        return "RecordingEvent[" + type() + (type() == RecordingEventType.UNRECOGNIZED ? "(" + typeCode + ")" : "")
                + ", task=" + task + ", room=" + roomId + ", user=" + userId + ", seqNo=" + seqNo + ", file="
                + fileName + ", timestamp=" + timestamp + "]";
    }
}
