package io.gmerecording.core.error;

/**
 * This client's own rate limit refused the request before it was sent: the wait for a permit would have exceeded its
 * bound ({@code Client.RateLimitWaitExceeded}), or a limit shared through a store that cannot be reached fails closed
 * ({@code Client.SharedLimitUnavailable}). Nothing reached the service; compare {@link ThrottledException}, which is
 * the service telling the caller to back off.
 */
public class ClientLimitException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    ClientLimitException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
