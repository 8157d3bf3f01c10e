package io.gmerecording.core.error;

import java.util.OptionalInt;

/**
 * The exchange with the service failed below the API: connection refused or reset, a timeout, an HTTP status other
 * than 200 (a gateway's answer, not the API's), or a body that is not a valid API envelope.
 */
public class TransportException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public TransportException(String code, String message, boolean retryable, Throwable cause) {
        this(code, message, retryable, -1, cause);
    }

    private TransportException(String code, String message, boolean retryable, int httpStatus, Throwable cause) {
        super(code, message, null, retryable, cause);
        this.httpStatus = httpStatus;
    }

    /** A non-200 answer; retryable for 429 and 5xx, where a gateway or the service is briefly unable to answer. */
    public static TransportException httpStatus(int status, String message) {
        boolean retryable = status == 429 || status >= 500;
        return new TransportException(ErrorCodes.TRANSPORT_HTTP_STATUS, message, retryable, status, null);
    }

    /** The HTTP status, for {@link ErrorCodes#TRANSPORT_HTTP_STATUS} when the transport reported it. */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
