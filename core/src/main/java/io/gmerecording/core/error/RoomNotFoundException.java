package io.gmerecording.core.error;

/** The room has no one in it, or no recording task ({@code ResourceNotFound.RoomNotFound}). */
public class RoomNotFoundException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    RoomNotFoundException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
