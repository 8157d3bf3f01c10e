package io.gmerecording.core.error;

/** The key is valid but not allowed: a CAM policy, an IP allow or block list. */
public class AccessDeniedException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    AccessDeniedException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
