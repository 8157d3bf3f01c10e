package io.gmerecording.core;

import java.time.Instant;
import java.util.Objects;

/** One recording of a task: whose stream, which file, when it began and where it is in the pipeline. */
public final class Recording {

    private final String userId;
    private final String fileName;
    private final Instant beginTime;
    private final long statusCode;

    private Recording(String userId, String fileName, Instant beginTime, long statusCode) {
        this.userId = Checks.notNull(userId, "userId");
        this.fileName = Checks.notNull(fileName, "fileName");
        this.beginTime = Checks.notNull(beginTime, "beginTime");
        this.statusCode = statusCode;
    }

    /** @param statusCode the API's RecordStatus code; unknown codes are kept as {@link RecordStatus#UNRECOGNIZED} */
    public static Recording of(String userId, String fileName, Instant beginTime, long statusCode) {
        return new Recording(userId, fileName, beginTime, statusCode);
    }

    public String userId() {
        return userId;
    }

    public String fileName() {
        return fileName;
    }

    public Instant beginTime() {
        return beginTime;
    }

    public RecordStatus status() {
        return RecordStatus.fromCode(statusCode);
    }

    /** The raw RecordStatus code as the service sent it. */
    public long statusCode() {
        return statusCode;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Recording)) {
            return false;
        }
        Recording that = (Recording) other;
        return statusCode == that.statusCode
                && userId.equals(that.userId)
                && fileName.equals(that.fileName)
                && beginTime.equals(that.beginTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, fileName, beginTime, statusCode);
    }

    @Override
    public String toString() {
        return "Recording[userId=" + userId + ", fileName=" + fileName + ", beginTime=" + beginTime
                + ", status=" + status() + "(" + statusCode + ")]";
    }
}
