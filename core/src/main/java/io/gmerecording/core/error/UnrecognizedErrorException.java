package io.gmerecording.core.error;

/**
 * The service answered with an error code this version does not classify (the code is kept as sent), or a query
 * implementation threw something outside this taxonomy ({@code Client.UnexpectedFailure}, kept as the cause).
 */
public class UnrecognizedErrorException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    UnrecognizedErrorException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
