package io.gmerecording.core.error;

/** The recording service is not activated for this application ({@code UnsupportedOperation.ServiceNotOpened}). */
public class ServiceNotActivatedException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    ServiceNotActivatedException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
