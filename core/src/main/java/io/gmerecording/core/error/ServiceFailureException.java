package io.gmerecording.core.error;

/** The service failed to answer ({@code InternalError}, {@code ServiceUnavailable} and friends); usually retryable. */
public class ServiceFailureException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    ServiceFailureException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
