package io.gmerecording.core.error;

/** The service answered with an error code this version does not classify; the code is kept as sent. */
public class UnrecognizedErrorException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    public UnrecognizedErrorException(String code, String message, String requestId, boolean retryable) {
        super(code, message, requestId, retryable, null);
    }

    /** A failure outside the taxonomy (a query implementation threw something else); kept as the cause. */
    public UnrecognizedErrorException(String code, String message, Throwable cause) {
        super(code, message, null, false, cause);
    }
}
