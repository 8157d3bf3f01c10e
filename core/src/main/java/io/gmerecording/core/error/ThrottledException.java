package io.gmerecording.core.error;

/**
 * The service refused the request as over its rate ({@code RequestLimitExceeded*}, 20 per second for this action;
 * retryable after a pause) or over a quota ({@code LimitExceeded}, not retryable). A refusal by this client's own
 * limiter is a {@link ClientLimitException} instead.
 */
public class ThrottledException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    ThrottledException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
