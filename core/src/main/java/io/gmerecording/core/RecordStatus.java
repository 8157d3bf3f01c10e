package io.gmerecording.core;

/**
 * Where one recording is in its pipeline, in the order the service moves it.
 * A code this version does not know maps to {@link #UNRECOGNIZED}; the raw code stays
 * available on {@link Recording#statusCode()}.
 */
public enum RecordStatus {
    RECORDING(2),
    AWAITING_TRANSCODE(10),
    TRANSCODING(11),
    UPLOADING(12),
    UPLOADED(13),
    NOTIFIED(14),
    UNRECOGNIZED(-1);

    private final long code;

    RecordStatus(long code) {
        this.code = code;
    }

    /** The API's code; -1 for {@link #UNRECOGNIZED}, which has no code of its own. */
    public long code() {
        return code;
    }

    /** Never throws: an unknown code is {@link #UNRECOGNIZED}. */
    public static RecordStatus fromCode(long code) {
        for (RecordStatus status : values()) {
            if (status != UNRECOGNIZED && status.code == code) {
                return status;
            }
        }
        return UNRECOGNIZED;
    }

    /** Whether this status is {@code target} or later in the pipeline; UNRECOGNIZED is never at or past anything. */
    public boolean isAtLeast(RecordStatus target) {
        if (this == UNRECOGNIZED || target == UNRECOGNIZED) {
            return this == target;
        }
        return ordinal() >= target.ordinal();
    }
}
