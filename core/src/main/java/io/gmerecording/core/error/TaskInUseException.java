package io.gmerecording.core.error;

/** The room is recorded already: it has a running task ({@code ResourceInUse.TaskInUse}). */
public class TaskInUseException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    TaskInUseException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
