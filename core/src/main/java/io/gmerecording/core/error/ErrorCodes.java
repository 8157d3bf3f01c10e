package io.gmerecording.core.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table from an API error code to an exception type and a retryable flag, shared by every adapter so that
 * they classify identically. Codes of the action itself and Tencent Cloud's common codes are listed; an unlisted
 * code is looked up by its family (the part before the first dot, e.g. {@code AuthFailure.Something} as
 * {@code AuthFailure}), and a code whose family is unknown becomes an {@link UnrecognizedErrorException}.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>Type</th><th>Codes</th><th>Retryable</th></tr>
 *   <tr><td>TaskNotFoundException</td><td>ResourceNotFound.TaskNotFound, ResourceNotFound</td><td>no</td></tr>
 *   <tr><td>InvalidRequestException</td><td>InvalidParameter, InvalidParameterValue(.InvalidBizId, .InvalidTaskId),
 *       MissingParameter, UnknownParameter, InvalidAction, ActionOffline, NoSuchProduct, NoSuchVersion,
 *       UnsupportedOperation, UnsupportedProtocol, UnsupportedRegion, RequestSizeLimitExceeded</td><td>no</td></tr>
 *   <tr><td>AuthenticationException</td><td>AuthFailure.* except UnauthorizedOperation</td><td>no</td></tr>
 *   <tr><td>AccessDeniedException</td><td>UnauthorizedOperation, AuthFailure.UnauthorizedOperation, IpInBlacklist,
 *       IpNotInWhitelist</td><td>no</td></tr>
 *   <tr><td>ServiceNotActivatedException</td><td>UnsupportedOperation.ServiceNotOpened</td><td>no</td></tr>
 *   <tr><td>ThrottledException</td><td>RequestLimitExceeded(.*); LimitExceeded (a quota, so not retryable)</td>
 *       <td>yes; LimitExceeded no</td></tr>
 *   <tr><td>ServiceFailureException</td><td>InternalError, ServiceUnavailable, ResourceUnavailable,
 *       ResourceInsufficient, ResourceInUse; FailedOperation, ResponseSizeLimitExceeded</td>
 *       <td>yes; the last two no</td></tr>
 * </table>
 */
public final class ErrorCodes {

    /** Connection refused, reset or closed early; retryable. */
    public static final String TRANSPORT_CONNECTION_FAILED = "Transport.ConnectionFailed";
    /** No answer within the configured timeout; retryable. */
    public static final String TRANSPORT_TIMEOUT = "Transport.Timeout";
    /** An HTTP status other than 200; retryable for 429 and 5xx. */
    public static final String TRANSPORT_HTTP_STATUS = "Transport.HttpStatus";
    /** A 200 whose body is not a valid API envelope (not JSON, truncated, empty, no Response); retryable. */
    public static final String TRANSPORT_MALFORMED_RESPONSE = "Transport.MalformedResponse";
    /** A body larger than the configured cap; not read in full, not retryable. */
    public static final String TRANSPORT_RESPONSE_TOO_LARGE = "Transport.ResponseTooLarge";
    /** The calling thread was interrupted while waiting; not retryable. */
    public static final String CLIENT_INTERRUPTED = "Client.Interrupted";
    /** No credentials where the provider looked. */
    public static final String CLIENT_CREDENTIALS_NOT_FOUND = "Client.CredentialsNotFound";
    /** A credentials source exists but cannot be read. */
    public static final String CLIENT_CREDENTIALS_MALFORMED = "Client.CredentialsMalformed";
    /** A query implementation threw an exception outside this taxonomy (a bug worth reporting). */
    public static final String CLIENT_UNEXPECTED_FAILURE = "Client.UnexpectedFailure";
    /** A waiter gave up before the task reached the target state. */
    public static final String CLIENT_WAIT_TIMEOUT = "Client.WaitTimeout";

    /** The kind of failure a code stands for; each kind is one exception type. */
    public enum Kind {
        TASK_NOT_FOUND,
        INVALID_REQUEST,
        AUTHENTICATION,
        ACCESS_DENIED,
        SERVICE_NOT_ACTIVATED,
        THROTTLED,
        SERVICE_FAILURE,
        UNRECOGNIZED
    }

    /** How one code is classified. */
    public static final class Classification {
        private final Kind kind;
        private final boolean retryable;

        private Classification(Kind kind, boolean retryable) {
            this.kind = kind;
            this.retryable = retryable;
        }

        public Kind kind() {
            return kind;
        }

        public boolean retryable() {
            return retryable;
        }

        @Override
        public String toString() {
            return kind + (retryable ? " (retryable)" : "");
        }
    }

    private static final Map<String, Classification> TABLE = new LinkedHashMap<>();

    static {
        put(Kind.TASK_NOT_FOUND, false, "ResourceNotFound.TaskNotFound", "ResourceNotFound");
        put(Kind.INVALID_REQUEST, false,
                "InvalidParameter", "InvalidParameterValue", "InvalidParameterValue.InvalidBizId",
                "InvalidParameterValue.InvalidTaskId", "MissingParameter", "UnknownParameter", "InvalidAction",
                "ActionOffline", "NoSuchProduct", "NoSuchVersion", "UnsupportedOperation", "UnsupportedProtocol",
                "UnsupportedRegion", "RequestSizeLimitExceeded");
        put(Kind.AUTHENTICATION, false,
                "AuthFailure", "AuthFailure.InvalidAuthorization", "AuthFailure.InvalidSecretId",
                "AuthFailure.MFAFailure", "AuthFailure.SecretIdNotFound", "AuthFailure.SignatureExpire",
                "AuthFailure.SignatureFailure", "AuthFailure.TokenFailure");
        put(Kind.ACCESS_DENIED, false,
                "UnauthorizedOperation", "AuthFailure.UnauthorizedOperation", "IpInBlacklist", "IpNotInWhitelist");
        put(Kind.SERVICE_NOT_ACTIVATED, false, "UnsupportedOperation.ServiceNotOpened");
        put(Kind.THROTTLED, true,
                "RequestLimitExceeded", "RequestLimitExceeded.IPLimitExceeded",
                "RequestLimitExceeded.UinLimitExceeded", "RequestLimitExceeded.GlobalRegionUinLimitExceeded");
        put(Kind.THROTTLED, false, "LimitExceeded");
        put(Kind.SERVICE_FAILURE, true,
                "InternalError", "ServiceUnavailable", "ResourceUnavailable", "ResourceInsufficient", "ResourceInUse");
        put(Kind.SERVICE_FAILURE, false, "FailedOperation", "ResponseSizeLimitExceeded");
    }

    private ErrorCodes() {
    }

    private static void put(Kind kind, boolean retryable, String... codes) {
        for (String code : codes) {
            if (TABLE.put(code, new Classification(kind, retryable)) != null) {
                throw new IllegalStateException("error code listed twice: " + code);
            }
        }
    }

    /** Every code the table lists explicitly, with its classification. */
    public static Map<String, Classification> table() {
        return Collections.unmodifiableMap(TABLE);
    }

    /** The classification of a code: exact match, else its family, else {@link Kind#UNRECOGNIZED} (not retryable). */
    public static Classification classify(String code) {
        if (code == null) {
            return new Classification(Kind.UNRECOGNIZED, false);
        }
        Classification exact = TABLE.get(code);
        if (exact != null) {
            return exact;
        }
        int dot = code.indexOf('.');
        Classification family = dot > 0 ? TABLE.get(code.substring(0, dot)) : null;
        return family != null ? family : new Classification(Kind.UNRECOGNIZED, false);
    }

    /** The exception for an API error answer ({@code Response.Error}); never null, never throws. */
    public static RecordingQueryException fromApiError(String code, String message, String requestId) {
        String safeCode = code == null || code.isEmpty() ? "UnknownError" : code;
        Classification classification = classify(safeCode);
        boolean retryable = classification.retryable();
        switch (classification.kind()) {
            case TASK_NOT_FOUND:
                return new TaskNotFoundException(safeCode, message, requestId, retryable);
            case INVALID_REQUEST:
                return new InvalidRequestException(safeCode, message, requestId, retryable);
            case AUTHENTICATION:
                return new AuthenticationException(safeCode, message, requestId, retryable);
            case ACCESS_DENIED:
                return new AccessDeniedException(safeCode, message, requestId, retryable);
            case SERVICE_NOT_ACTIVATED:
                return new ServiceNotActivatedException(safeCode, message, requestId, retryable);
            case THROTTLED:
                return new ThrottledException(safeCode, message, requestId, retryable);
            case SERVICE_FAILURE:
                return new ServiceFailureException(safeCode, message, requestId, retryable);
            default:
                return new UnrecognizedErrorException(safeCode, message, requestId, retryable);
        }
    }

    /** A 200 whose body is not a valid envelope. */
    public static TransportException malformedResponse(String message, Throwable cause) {
        return new TransportException(TRANSPORT_MALFORMED_RESPONSE, message, true, cause);
    }

    public static TransportException connectionFailed(String message, Throwable cause) {
        return new TransportException(TRANSPORT_CONNECTION_FAILED, message, true, cause);
    }

    public static TransportException timeout(String message, Throwable cause) {
        return new TransportException(TRANSPORT_TIMEOUT, message, true, cause);
    }

    public static TransportException responseTooLarge(String message) {
        return new TransportException(TRANSPORT_RESPONSE_TOO_LARGE, message, false, null);
    }

    public static TransportException interrupted(String message, Throwable cause) {
        return new TransportException(CLIENT_INTERRUPTED, message, false, cause);
    }
}
