package io.gmerecording.core.error;

/** The service rejected the request itself: a bad BizId or TaskId, a missing or unknown parameter, an unknown action or version, an unsupported operation. Sending it again will not help. */
public class InvalidRequestException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
