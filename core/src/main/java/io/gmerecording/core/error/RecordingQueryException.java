package io.gmerecording.core.error;

import java.util.Optional;

/**
 * Every failure of a {@code RecordingQuery}. Carries the API error code (or a client-side code such as
 * {@code Transport.Timeout}), the RequestId when the service sent one, and whether retrying can help.
 * Catch a subtype for one kind of failure, or this type for all of them.
 */
public abstract class RecordingQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String detail;
    private final String requestId;
    private final boolean retryable;

    RecordingQueryException(String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(describe(code, message, requestId), cause);
        this.code = code;
        this.detail = message == null ? "" : message;
        this.requestId = requestId;
        this.retryable = retryable;
    }

    /** The API error code (e.g. {@code ResourceNotFound.TaskNotFound}) or a client-side code (e.g. {@code Transport.Timeout}). */
    public String code() {
        return code;
    }

    /** The message alone, without the code and RequestId that {@link #getMessage()} adds. */
    public String detail() {
        return detail;
    }

    /** The RequestId of the service's answer, when there was one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether the same request may succeed if sent again later. */
    public boolean isRetryable() {
        return retryable;
    }

    private static String describe(String code, String message, String requestId) {
        StringBuilder text = new StringBuilder(String.valueOf(code));
        if (message != null && !message.isEmpty()) {
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" (RequestId ").append(requestId).append(')');
        }
        return text.toString();
    }
}
