package io.gmerecording.core.error;

import java.util.OptionalInt;

/**
 * The exchange with the service failed below the API: connection refused or reset, a timeout, an HTTP status other
 * than 200 (a gateway's answer, not the API's), or a body that is not a valid API envelope. An interrupted or closed
 * client is a {@link CancelledException} instead.
 */
public class TransportException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    TransportException(String code, String message, boolean retryable, int httpStatus, Throwable cause) {
        super(code, message, null, retryable, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status, for {@link ErrorCodes#TRANSPORT_HTTP_STATUS} when the transport reported it. */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
