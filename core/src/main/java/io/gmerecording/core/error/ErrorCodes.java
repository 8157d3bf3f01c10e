package io.gmerecording.core.error;

import io.gmerecording.core.RecordingTask;
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
 *   <tr><td>RoomNotFoundException</td><td>ResourceNotFound.RoomNotFound (no one in the room, or no task in it)</td>
 *       <td>no</td></tr>
 *   <tr><td>TaskInUseException</td><td>ResourceInUse.TaskInUse (the room is recorded already)</td><td>no</td></tr>
 *   <tr><td>InvalidRequestException</td><td>InvalidParameter, InvalidParameterValue(.InvalidBizId, .InvalidTaskId,
 *       .InvalidRoomId, .InvalidRecordMode, .InvalidSubscribeRecordUserIds, .InvalidSubscribeUserIds,
 *       .InvalidUNSubscribeUserIds),
 *       MissingParameter, UnknownParameter, InvalidAction, ActionOffline, NoSuchProduct, NoSuchVersion,
 *       UnsupportedOperation, UnsupportedProtocol, UnsupportedRegion, RequestSizeLimitExceeded</td><td>no</td></tr>
 *   <tr><td>AuthenticationException</td><td>AuthFailure.* except UnauthorizedOperation</td><td>no</td></tr>
 *   <tr><td>AccessDeniedException</td><td>UnauthorizedOperation, AuthFailure.UnauthorizedOperation, IpInBlacklist,
 *       IpNotInWhitelist, OperationDenied</td><td>no</td></tr>
 *   <tr><td>ServiceNotActivatedException</td><td>UnsupportedOperation.ServiceNotOpened</td><td>no</td></tr>
 *   <tr><td>ThrottledException</td><td>RequestLimitExceeded(.*); LimitExceeded (a quota, so not retryable)</td>
 *       <td>yes; LimitExceeded no</td></tr>
 *   <tr><td>ServiceFailureException</td><td>InternalError, ServiceUnavailable, ResourceUnavailable,
 *       ResourceInsufficient, ResourceInUse; FailedOperation, ResponseSizeLimitExceeded</td>
 *       <td>yes; the last two no</td></tr>
 *   <tr><td>TransportException</td><td>Transport.ConnectionFailed, Transport.Timeout, Transport.MalformedResponse;
 *       Transport.HttpStatus; Transport.ResponseTooLarge</td>
 *       <td>yes; HttpStatus for 429 and 5xx only; ResponseTooLarge no</td></tr>
 *   <tr><td>CancelledException</td><td>Client.Interrupted, Client.Closed</td><td>no</td></tr>
 *   <tr><td>CredentialsException</td><td>Client.CredentialsUnavailable (a role's metadata service or STS away);
 *       Client.CredentialsNotFound, Client.CredentialsMalformed</td><td>yes; the last two no</td></tr>
 *   <tr><td>ClientLimitException</td><td>Client.RateLimitWaitExceeded (the client-side limit),
 *       Client.SharedLimitUnavailable (a shared limit that fails closed)</td><td>no</td></tr>
 *   <tr><td>WaitTimeoutException</td><td>Client.WaitTimeout</td><td>no</td></tr>
 *   <tr><td>UnrecognizedErrorException</td><td>Client.UnexpectedFailure, and any code without a family here</td>
 *       <td>no</td></tr>
 * </table>
 *
 * <p>Every {@link RecordingQueryException} is made here, by {@link #exception} or one of the shortcuts below, so an
 * error's type and retry flag always agree with this table. Test doubles make their errors the same way.
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
    /** The query was closed before this call; not retryable. */
    public static final String CLIENT_CLOSED = "Client.Closed";
    /** No credentials where the provider looked. */
    public static final String CLIENT_CREDENTIALS_NOT_FOUND = "Client.CredentialsNotFound";
    /** A credentials source exists but cannot be read. */
    public static final String CLIENT_CREDENTIALS_MALFORMED = "Client.CredentialsMalformed";
    /**
     * A source of temporary credentials cannot be reached or gives nothing usable now (no answer, a 5xx, credentials
     * that had expired when they came); retryable.
     */
    public static final String CLIENT_CREDENTIALS_UNAVAILABLE = "Client.CredentialsUnavailable";
    /** A query implementation threw an exception outside this taxonomy (a bug worth reporting). */
    public static final String CLIENT_UNEXPECTED_FAILURE = "Client.UnexpectedFailure";
    /** A waiter gave up before the task reached the target state. */
    public static final String CLIENT_WAIT_TIMEOUT = "Client.WaitTimeout";
    /** The client-side rate limit would have made the caller wait longer than allowed. */
    public static final String CLIENT_RATE_LIMIT_WAIT_EXCEEDED = "Client.RateLimitWaitExceeded";
    /** A limit shared by many processes could not be asked (its store is unreachable) and fails closed. */
    public static final String CLIENT_SHARED_LIMIT_UNAVAILABLE = "Client.SharedLimitUnavailable";

    /** The kind of failure a code stands for; each kind is one exception type. */
    enum Kind {
        TASK_NOT_FOUND,
        ROOM_NOT_FOUND,
        TASK_IN_USE,
        INVALID_REQUEST,
        AUTHENTICATION,
        ACCESS_DENIED,
        SERVICE_NOT_ACTIVATED,
        THROTTLED,
        CLIENT_LIMIT,
        SERVICE_FAILURE,
        TRANSPORT,
        CANCELLED,
        CREDENTIALS,
        WAIT_TIMEOUT,
        UNRECOGNIZED
    }

    /** How one code is classified. */
    static final class Classification {
        private final Kind kind;
        private final boolean retryable;
        private final boolean decidedByHttpStatus;

        private Classification(Kind kind, boolean retryable, boolean decidedByHttpStatus) {
            this.kind = kind;
            this.retryable = retryable;
            this.decidedByHttpStatus = decidedByHttpStatus;
        }

        Kind kind() {
            return kind;
        }

        /** Whether an error of this code is retryable; for {@code Transport.HttpStatus}, when the status is unknown. */
        boolean retryable() {
            return retryable;
        }

        /** Whether an error of this code with this HTTP status (negative: unknown) is retryable. */
        boolean retryable(int httpStatus) {
            return decidedByHttpStatus && httpStatus >= 0 ? httpStatus == 429 || httpStatus >= 500 : retryable;
        }

        @Override
        public String toString() {
            return kind + (decidedByHttpStatus ? " (retryable for 429 and 5xx)" : retryable ? " (retryable)" : "");
        }
    }

    private static final Classification UNRECOGNIZED = new Classification(Kind.UNRECOGNIZED, false, false);
    private static final Map<String, Classification> TABLE = new LinkedHashMap<>();

    static {
        put(Kind.TASK_NOT_FOUND, false, "ResourceNotFound.TaskNotFound", "ResourceNotFound");
        put(Kind.ROOM_NOT_FOUND, false, "ResourceNotFound.RoomNotFound");
        put(Kind.TASK_IN_USE, false, "ResourceInUse.TaskInUse");
        put(Kind.INVALID_REQUEST, false,
                "InvalidParameter", "InvalidParameterValue", "InvalidParameterValue.InvalidBizId",
                "InvalidParameterValue.InvalidTaskId", "InvalidParameterValue.InvalidRoomId",
                "InvalidParameterValue.InvalidRecordMode", "InvalidParameterValue.InvalidSubscribeRecordUserIds",
                "InvalidParameterValue.InvalidSubscribeUserIds", "InvalidParameterValue.InvalidUNSubscribeUserIds",
                "MissingParameter", "UnknownParameter", "InvalidAction",
                "ActionOffline", "NoSuchProduct", "NoSuchVersion", "UnsupportedOperation", "UnsupportedProtocol",
                "UnsupportedRegion", "RequestSizeLimitExceeded");
        put(Kind.AUTHENTICATION, false,
                "AuthFailure", "AuthFailure.InvalidAuthorization", "AuthFailure.InvalidSecretId",
                "AuthFailure.MFAFailure", "AuthFailure.SecretIdNotFound", "AuthFailure.SignatureExpire",
                "AuthFailure.SignatureFailure", "AuthFailure.TokenFailure");
        put(Kind.ACCESS_DENIED, false,
                "UnauthorizedOperation", "AuthFailure.UnauthorizedOperation", "IpInBlacklist", "IpNotInWhitelist",
                "OperationDenied");
        put(Kind.SERVICE_NOT_ACTIVATED, false, "UnsupportedOperation.ServiceNotOpened");
        put(Kind.THROTTLED, true,
                "RequestLimitExceeded", "RequestLimitExceeded.IPLimitExceeded",
                "RequestLimitExceeded.UinLimitExceeded", "RequestLimitExceeded.GlobalRegionUinLimitExceeded");
        put(Kind.THROTTLED, false, "LimitExceeded");
        put(Kind.CLIENT_LIMIT, false, CLIENT_RATE_LIMIT_WAIT_EXCEEDED, CLIENT_SHARED_LIMIT_UNAVAILABLE);
        put(Kind.SERVICE_FAILURE, true,
                "InternalError", "ServiceUnavailable", "ResourceUnavailable", "ResourceInsufficient", "ResourceInUse");
        put(Kind.SERVICE_FAILURE, false, "FailedOperation", "ResponseSizeLimitExceeded");
        put(Kind.TRANSPORT, true, TRANSPORT_CONNECTION_FAILED, TRANSPORT_TIMEOUT, TRANSPORT_MALFORMED_RESPONSE);
        TABLE.put(TRANSPORT_HTTP_STATUS, new Classification(Kind.TRANSPORT, true, true));
        put(Kind.TRANSPORT, false, TRANSPORT_RESPONSE_TOO_LARGE);
        put(Kind.CANCELLED, false, CLIENT_INTERRUPTED, CLIENT_CLOSED);
        put(Kind.CREDENTIALS, true, CLIENT_CREDENTIALS_UNAVAILABLE);
        put(Kind.CREDENTIALS, false, CLIENT_CREDENTIALS_NOT_FOUND, CLIENT_CREDENTIALS_MALFORMED);
        put(Kind.WAIT_TIMEOUT, false, CLIENT_WAIT_TIMEOUT);
        put(Kind.UNRECOGNIZED, false, CLIENT_UNEXPECTED_FAILURE);
    }

    private ErrorCodes() {
    }

    private static void put(Kind kind, boolean retryable, String... codes) {
        for (String code : codes) {
            if (TABLE.put(code, new Classification(kind, retryable, false)) != null) {
                throw new IllegalStateException("error code listed twice: " + code);
            }
        }
    }

    /** Every code the table lists explicitly, with its classification. */
    static Map<String, Classification> table() {
        return Collections.unmodifiableMap(TABLE);
    }

    /** Whether an error with this code is worth trying again (throttling, service failures), by the code table. */
    public static boolean isRetryable(String code) {
        return classify(code).retryable();
    }

    /** The classification of a code: exact match, else its family, else {@link Kind#UNRECOGNIZED} (not retryable). */
    static Classification classify(String code) {
        if (code == null) {
            return UNRECOGNIZED;
        }
        Classification exact = TABLE.get(code);
        if (exact != null) {
            return exact;
        }
        int dot = code.indexOf('.');
        Classification family = dot > 0 ? TABLE.get(code.substring(0, dot)) : null;
        return family != null ? family : UNRECOGNIZED;
    }

    /**
     * The exception for a code, of the type and retry flag the table gives it: an API error answer
     * ({@code Response.Error}), or a client-side code. A null or empty code becomes {@code UnknownError}. Never null,
     * never throws.
     */
    public static RecordingQueryException exception(String code, String message, String requestId) {
        return exception(code, message, requestId, null);
    }

    /** As {@link #exception(String, String, String)}, keeping what caused it. */
    public static RecordingQueryException exception(String code, String message, String requestId, Throwable cause) {
        return create(code, message, requestId, cause, -1, null);
    }

    /** A non-200 answer; retryable for 429 and 5xx, where a gateway or the service is briefly unable to answer. */
    public static TransportException httpStatus(int status, String message) {
        return (TransportException) create(TRANSPORT_HTTP_STATUS, message, null, null, status, null);
    }

    /** A 200 whose body is not a valid envelope. */
    public static TransportException malformedResponse(String message, Throwable cause) {
        return (TransportException) exception(TRANSPORT_MALFORMED_RESPONSE, message, null, cause);
    }

    public static TransportException connectionFailed(String message, Throwable cause) {
        return (TransportException) exception(TRANSPORT_CONNECTION_FAILED, message, null, cause);
    }

    public static TransportException timeout(String message, Throwable cause) {
        return (TransportException) exception(TRANSPORT_TIMEOUT, message, null, cause);
    }

    public static TransportException responseTooLarge(String message) {
        return (TransportException) exception(TRANSPORT_RESPONSE_TOO_LARGE, message, null, null);
    }

    public static CancelledException interrupted(String message, Throwable cause) {
        return (CancelledException) exception(CLIENT_INTERRUPTED, message, null, cause);
    }

    /** A call on a query that was already closed. */
    public static CancelledException closed(String message) {
        return (CancelledException) exception(CLIENT_CLOSED, message, null, null);
    }

    public static CredentialsException credentialsNotFound(String message) {
        return (CredentialsException) exception(CLIENT_CREDENTIALS_NOT_FOUND, message, null, null);
    }

    public static CredentialsException credentialsMalformed(String message) {
        return (CredentialsException) exception(CLIENT_CREDENTIALS_MALFORMED, message, null, null);
    }

    /** A source of temporary credentials is away or gave nothing usable now; retryable. */
    public static CredentialsException credentialsUnavailable(String message) {
        return (CredentialsException) exception(CLIENT_CREDENTIALS_UNAVAILABLE, message, null, null);
    }

    /** This client's own limit refused a request: its wait bound ({@code Client.RateLimitWaitExceeded}). */
    public static ClientLimitException rateLimitWaitExceeded(String message) {
        return (ClientLimitException) exception(CLIENT_RATE_LIMIT_WAIT_EXCEEDED, message, null, null);
    }

    /** A shared limit whose store cannot be reached fails closed. */
    public static ClientLimitException sharedLimitUnavailable(String message) {
        return (ClientLimitException) exception(CLIENT_SHARED_LIMIT_UNAVAILABLE, message, null, null);
    }

    /** A waiter gave up; {@code lastSeen} is the last answer before that, or null when no poll succeeded. */
    public static WaitTimeoutException waitTimeout(String message, RecordingTask lastSeen) {
        return (WaitTimeoutException) create(CLIENT_WAIT_TIMEOUT, message, null, null, -1, lastSeen);
    }

    /** A query implementation threw something outside this taxonomy; it is kept as the cause. */
    public static UnrecognizedErrorException unexpectedFailure(String message, Throwable cause) {
        return (UnrecognizedErrorException) exception(CLIENT_UNEXPECTED_FAILURE, message, null, cause);
    }

    private static RecordingQueryException create(String code, String message, String requestId, Throwable cause,
            int httpStatus, RecordingTask lastSeen) {
        String safeCode = code == null || code.isEmpty() ? "UnknownError" : code;
        Classification classification = classify(safeCode);
        boolean retryable = classification.retryable(httpStatus);
        switch (classification.kind()) {
            case TASK_NOT_FOUND:
                return new TaskNotFoundException(safeCode, message, requestId, retryable, cause);
            case ROOM_NOT_FOUND:
                return new RoomNotFoundException(safeCode, message, requestId, retryable, cause);
            case TASK_IN_USE:
                return new TaskInUseException(safeCode, message, requestId, retryable, cause);
            case INVALID_REQUEST:
                return new InvalidRequestException(safeCode, message, requestId, retryable, cause);
            case AUTHENTICATION:
                return new AuthenticationException(safeCode, message, requestId, retryable, cause);
            case ACCESS_DENIED:
                return new AccessDeniedException(safeCode, message, requestId, retryable, cause);
            case SERVICE_NOT_ACTIVATED:
                return new ServiceNotActivatedException(safeCode, message, requestId, retryable, cause);
            case THROTTLED:
                return new ThrottledException(safeCode, message, requestId, retryable, cause);
            case CLIENT_LIMIT:
                return new ClientLimitException(safeCode, message, requestId, retryable, cause);
            case CANCELLED:
                return new CancelledException(safeCode, message, requestId, retryable, cause);
            case SERVICE_FAILURE:
                return new ServiceFailureException(safeCode, message, requestId, retryable, cause);
            case TRANSPORT:
                return new TransportException(safeCode, message, retryable, httpStatus, cause);
            case CREDENTIALS:
                return new CredentialsException(safeCode, message, requestId, retryable, cause);
            case WAIT_TIMEOUT:
                return new WaitTimeoutException(safeCode, message, retryable, lastSeen);
            default:
                return new UnrecognizedErrorException(safeCode, message, requestId, retryable, cause);
        }
    }
}
