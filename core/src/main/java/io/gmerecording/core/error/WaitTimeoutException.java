package io.gmerecording.core.error;

import io.gmerecording.core.RecordingTask;
import java.util.Optional;

/** A waiter gave up before the task reached the target state; carries the last state it saw. Not retryable. */
public class WaitTimeoutException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    private final transient RecordingTask lastSeen;

    WaitTimeoutException(String code, String message, boolean retryable, RecordingTask lastSeen) {
        super(code, message, lastSeen == null ? null : lastSeen.requestId(), retryable, null);
        this.lastSeen = lastSeen;
    }

    /** The last answer before the timeout, if any poll succeeded. */
    public Optional<RecordingTask> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }
}
