package io.gmerecording.core.error;

/** Too many requests ({@code RequestLimitExceeded*}, 20 per second for this action); retryable after a pause. */
public class ThrottledException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    ThrottledException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
