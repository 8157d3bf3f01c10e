package io.gmerecording.core.error;

/** The task does not exist for this BizId ({@code ResourceNotFound.TaskNotFound}). */
public class TaskNotFoundException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    TaskNotFoundException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
