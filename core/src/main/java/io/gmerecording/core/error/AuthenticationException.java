package io.gmerecording.core.error;

/** The request's signature or key was not accepted ({@code AuthFailure.*}): a wrong or disabled key, a bad token, or a clock more than five minutes off ({@code AuthFailure.SignatureExpire}). */
public class AuthenticationException extends RecordingQueryException {

    private static final long serialVersionUID = 1L;

    AuthenticationException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(code, message, requestId, retryable, cause);
    }
}
