package io.gmerecording.core.error;

import io.gmerecording.core.RecordingTask;
import java.util.Optional;

/** A waiter gave up before the task reached the target state; carries the last state it saw. Not retryable. */
public class WaitTimeoutException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    private final transient RecordingTask lastSeen;

    public WaitTimeoutException(String message, RecordingTask lastSeen) {
        super(ErrorCodes.CLIENT_WAIT_TIMEOUT, message, lastSeen == null ? null : lastSeen.requestId(), false, null);
        this.lastSeen = lastSeen;
    }

    /** The last answer before the timeout, if any poll succeeded. */
    public Optional<RecordingTask> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }
}
