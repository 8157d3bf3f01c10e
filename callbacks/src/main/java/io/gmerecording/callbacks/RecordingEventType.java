package io.gmerecording.callbacks;

import io.gmerecording.core.RecordStatus;

/** What a callback says happened to one file; a code this version does not know is {@link #UNRECOGNIZED}. */
public enum RecordingEventType {
    /** EventType 1: a file's recording started. */
    RECORDING_STARTED(1),
    /** EventType 2: a file's recording finished. */
    RECORDING_FINISHED(2),
    /** EventType 3: the file was uploaded to the bucket. */
    UPLOADED(3),
    UNRECOGNIZED(-1);

    private final long code;

    RecordingEventType(long code) {
        this.code = code;
    }

    /** The callback's code; -1 for {@link #UNRECOGNIZED}. */
    public long code() {
        return code;
    }

    /**
     * The stage of the pipeline the event announces, for {@link io.gmerecording.core.policy.RecordingTracker#hint}:
     * RECORDING for a start, AWAITING_TRANSCODE for a finish, UPLOADED for an upload, UNRECOGNIZED otherwise.
     */
    public RecordStatus announces() {
        switch (this) {
            case RECORDING_STARTED:
                return RecordStatus.RECORDING;
            case RECORDING_FINISHED:
                return RecordStatus.AWAITING_TRANSCODE;
            case UPLOADED:
                return RecordStatus.UPLOADED;
            default:
                return RecordStatus.UNRECOGNIZED;
        }
    }

    /** Never throws: an unknown code is {@link #UNRECOGNIZED}, its raw value kept on the event. */
    public static RecordingEventType fromCode(long code) {
        for (RecordingEventType type : values()) {
            if (type != UNRECOGNIZED && type.code == code) {
                return type;
            }
        }
        return UNRECOGNIZED;
    }
}
