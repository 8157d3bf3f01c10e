package io.gmerecording.core.error;

/** No usable credentials: none found where the provider looked, or a credentials source is malformed. Never retryable. */
public class CredentialsException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    CredentialsException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
