package io.gmerecording.core.error;

/**
 * The call was given up on this side before it could finish: the calling thread was interrupted
 * ({@code Client.Interrupted}, the thread's interrupt flag is set again) or the client was closed
 * ({@code Client.Closed}). Not a failure of the service or of the network; never retryable.
 */
public class CancelledException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    CancelledException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
