package io.gmerecording.core;

/**
 * How a task records. A code this version does not know maps to {@link #UNRECOGNIZED};
 * the raw code stays available on {@link RecordingTask#recordModeCode()}.
 */
public enum RecordMode {
    SINGLE_STREAM(1),
    MIXED_STREAM(2),
    SINGLE_AND_MIXED(3),
    UNRECOGNIZED(-1);

    private final long code;

    RecordMode(long code) {
        this.code = code;
    }

    /** The API's code; -1 for {@link #UNRECOGNIZED}, which has no code of its own. */
    public long code() {
        return code;
    }

    /** Never throws: an unknown code is {@link #UNRECOGNIZED}. */
    public static RecordMode fromCode(long code) {
        for (RecordMode mode : values()) {
            if (mode != UNRECOGNIZED && mode.code == code) {
                return mode;
            }
        }
        return UNRECOGNIZED;
    }
}
