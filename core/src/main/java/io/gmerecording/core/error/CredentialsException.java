package io.gmerecording.core.error;

/**
 * No usable credentials: none found where the provider looked ({@code Client.CredentialsNotFound}) or a source is
 * malformed ({@code Client.CredentialsMalformed}), neither retryable; or a source of temporary credentials (the CVM
 * metadata service, STS) cannot be reached or answers nothing usable now ({@code Client.CredentialsUnavailable}),
 * retryable: asking again once it is back succeeds.
 */
public class CredentialsException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    CredentialsException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
