package io.gmerecording.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorCodesTest {

    /** Every code of the action and of Tencent Cloud's common error table, with the type and retry flag expected. */
    static Stream<Arguments> everyDocumentedCode() {
        return Stream.of(
                // the action's own codes
                Arguments.of("InternalError", ServiceFailureException.class, true),
                Arguments.of("InvalidParameter", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue.InvalidBizId", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue.InvalidTaskId", InvalidRequestException.class, false),
                Arguments.of("ResourceNotFound.TaskNotFound", TaskNotFoundException.class, false),
                Arguments.of("UnauthorizedOperation", AccessDeniedException.class, false),
                Arguments.of("UnsupportedOperation", InvalidRequestException.class, false),
                Arguments.of("UnsupportedOperation.ServiceNotOpened", ServiceNotActivatedException.class, false),
                // the lifecycle actions' own codes
                Arguments.of("InvalidParameterValue.InvalidRoomId", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue.InvalidRecordMode", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue.InvalidSubscribeRecordUserIds", InvalidRequestException.class,
                        false),
                Arguments.of("InvalidParameterValue.InvalidSubscribeUserIds", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue.InvalidUNSubscribeUserIds", InvalidRequestException.class, false),
                Arguments.of("ResourceInUse.TaskInUse", TaskInUseException.class, false),
                Arguments.of("ResourceNotFound.RoomNotFound", RoomNotFoundException.class, false),
                Arguments.of("OperationDenied", AccessDeniedException.class, false),
                // common codes
                Arguments.of("AuthFailure.InvalidAuthorization", AuthenticationException.class, false),
                Arguments.of("AuthFailure.InvalidSecretId", AuthenticationException.class, false),
                Arguments.of("AuthFailure.MFAFailure", AuthenticationException.class, false),
                Arguments.of("AuthFailure.SecretIdNotFound", AuthenticationException.class, false),
                Arguments.of("AuthFailure.SignatureExpire", AuthenticationException.class, false),
                Arguments.of("AuthFailure.SignatureFailure", AuthenticationException.class, false),
                Arguments.of("AuthFailure.TokenFailure", AuthenticationException.class, false),
                Arguments.of("AuthFailure.UnauthorizedOperation", AccessDeniedException.class, false),
                Arguments.of("ActionOffline", InvalidRequestException.class, false),
                Arguments.of("FailedOperation", ServiceFailureException.class, false),
                Arguments.of("InvalidAction", InvalidRequestException.class, false),
                Arguments.of("InvalidParameterValue", InvalidRequestException.class, false),
                Arguments.of("IpInBlacklist", AccessDeniedException.class, false),
                Arguments.of("IpNotInWhitelist", AccessDeniedException.class, false),
                Arguments.of("LimitExceeded", ThrottledException.class, false),
                Arguments.of("MissingParameter", InvalidRequestException.class, false),
                Arguments.of("NoSuchProduct", InvalidRequestException.class, false),
                Arguments.of("NoSuchVersion", InvalidRequestException.class, false),
                Arguments.of("RequestLimitExceeded", ThrottledException.class, true),
                Arguments.of("RequestLimitExceeded.IPLimitExceeded", ThrottledException.class, true),
                Arguments.of("RequestLimitExceeded.UinLimitExceeded", ThrottledException.class, true),
                Arguments.of("RequestLimitExceeded.GlobalRegionUinLimitExceeded", ThrottledException.class, true),
                Arguments.of("RequestSizeLimitExceeded", InvalidRequestException.class, false),
                Arguments.of("ResponseSizeLimitExceeded", ServiceFailureException.class, false),
                Arguments.of("ResourceInUse", ServiceFailureException.class, true),
                Arguments.of("ResourceInsufficient", ServiceFailureException.class, true),
                Arguments.of("ResourceNotFound", TaskNotFoundException.class, false),
                Arguments.of("ResourceUnavailable", ServiceFailureException.class, true),
                Arguments.of("ServiceUnavailable", ServiceFailureException.class, true),
                Arguments.of("UnknownParameter", InvalidRequestException.class, false),
                Arguments.of("UnsupportedProtocol", InvalidRequestException.class, false),
                Arguments.of("UnsupportedRegion", InvalidRequestException.class, false));
    }

    @ParameterizedTest(name = "{0} -> {1}, retryable={2}")
    @MethodSource("everyDocumentedCode")
    void everyDocumentedCodeHasATypeAndARetryFlag(String code, Class<?> type, boolean retryable) {
        assertThat(ErrorCodes.table()).as("listed explicitly").containsKey(code);

        RecordingQueryException error = ErrorCodes.exception(code, "message from the service", "req-42");

        assertThat(error).isExactlyInstanceOf(type);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.isRetryable()).isEqualTo(retryable);
        assertThat(error.requestId()).contains("req-42");
        assertThat(error.getMessage()).isEqualTo(code + ": message from the service (RequestId req-42)");
    }

    /** Every client-side code, with the type and retry flag expected. */
    static Stream<Arguments> everyClientSideCode() {
        return Stream.of(
                Arguments.of("Transport.ConnectionFailed", TransportException.class, true),
                Arguments.of("Transport.Timeout", TransportException.class, true),
                Arguments.of("Transport.MalformedResponse", TransportException.class, true),
                Arguments.of("Transport.HttpStatus", TransportException.class, true),
                Arguments.of("Transport.ResponseTooLarge", TransportException.class, false),
                Arguments.of("Client.Interrupted", CancelledException.class, false),
                Arguments.of("Client.Closed", CancelledException.class, false),
                Arguments.of("Client.CredentialsNotFound", CredentialsException.class, false),
                Arguments.of("Client.CredentialsMalformed", CredentialsException.class, false),
                Arguments.of("Client.CredentialsUnavailable", CredentialsException.class, true),
                Arguments.of("Client.RateLimitWaitExceeded", ClientLimitException.class, false),
                Arguments.of("Client.SharedLimitUnavailable", ClientLimitException.class, false),
                Arguments.of("Client.WaitTimeout", WaitTimeoutException.class, false),
                Arguments.of("Client.UnexpectedFailure", UnrecognizedErrorException.class, false));
    }

    @ParameterizedTest(name = "{0} -> {1}, retryable={2}")
    @MethodSource("everyClientSideCode")
    void everyClientSideCodeIsInTheTableAndMadeByTheOneFactory(String code, Class<?> type, boolean retryable) {
        assertThat(ErrorCodes.table()).as("listed explicitly").containsKey(code);

        RecordingQueryException error = ErrorCodes.exception(code, "what happened", null);

        assertThat(error).isExactlyInstanceOf(type);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.isRetryable()).isEqualTo(retryable);
        assertThat(error.requestId()).isEmpty();
    }

    @Test
    void theShortcutsAgreeWithTheTable() {
        Stream.of(ErrorCodes.connectionFailed("m", null), ErrorCodes.timeout("m", null),
                ErrorCodes.malformedResponse("m", null), ErrorCodes.responseTooLarge("m"),
                ErrorCodes.interrupted("m", null), ErrorCodes.closed("m"), ErrorCodes.credentialsNotFound("m"),
                ErrorCodes.credentialsMalformed("m"), ErrorCodes.credentialsUnavailable("m"),
                ErrorCodes.rateLimitWaitExceeded("m"), ErrorCodes.sharedLimitUnavailable("m"),
                ErrorCodes.waitTimeout("m", null),
                ErrorCodes.unexpectedFailure("m", null))
                .forEach(error -> {
                    RecordingQueryException fromTable = ErrorCodes.exception(error.code(), "m", null);
                    assertThat(error).as(error.code()).isExactlyInstanceOf(fromTable.getClass());
                    assertThat(error.isRetryable()).as(error.code()).isEqualTo(fromTable.isRetryable());
                });
    }

    @Test
    void theServicesThrottlingAndOurOwnRefusalsAreTypesApartAndNeitherIsATransportFailure() {
        RecordingQueryException service = ErrorCodes.exception("RequestLimitExceeded", "slow down", "req-1");
        RecordingQueryException ours = ErrorCodes.rateLimitWaitExceeded("would wait too long");
        RecordingQueryException shared = ErrorCodes.sharedLimitUnavailable("Redis is away");

        assertThat(service).isInstanceOf(ThrottledException.class).isNotInstanceOf(ClientLimitException.class);
        assertThat(ours).isInstanceOf(ClientLimitException.class).isNotInstanceOf(ThrottledException.class);
        assertThat(shared).isInstanceOf(ClientLimitException.class).isNotInstanceOf(ThrottledException.class);
        assertThat(ErrorCodes.interrupted("m", null)).isNotInstanceOf(TransportException.class);
        assertThat(ErrorCodes.closed("m")).isNotInstanceOf(TransportException.class);
    }

    @Test
    void theTableListsNothingBeyondTheDocumentedCodesTheirFamiliesAndTheClientSideCodes() {
        assertThat(ErrorCodes.table()).hasSize((int) (everyDocumentedCode().count() + everyClientSideCode().count())
                + 1); // + the AuthFailure family
        assertThat(ErrorCodes.table()).containsKey("AuthFailure");
    }

    @Test
    void anUnlistedCodeFallsBackToItsFamily() {
        assertThat(ErrorCodes.exception("AuthFailure.SomethingNew", "m", "r")).isInstanceOf(AuthenticationException.class);
        assertThat(ErrorCodes.exception("RequestLimitExceeded.NewLimit", "m", "r"))
                .isInstanceOf(ThrottledException.class).matches(RecordingQueryException::isRetryable);
        assertThat(ErrorCodes.exception("InternalError.DbError", "m", "r"))
                .isInstanceOf(ServiceFailureException.class).matches(RecordingQueryException::isRetryable);
        assertThat(ErrorCodes.exception("ResourceNotFound.Other", "m", "r")).isInstanceOf(TaskNotFoundException.class);
        assertThat(ErrorCodes.exception("InvalidParameterValue.Other", "m", "r"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anUnknownCodeStillYieldsAnExceptionCarryingIt() {
        RecordingQueryException error = ErrorCodes.exception("BrandNew.Code", "what happened", "req-7");

        assertThat(error).isExactlyInstanceOf(UnrecognizedErrorException.class);
        assertThat(error.code()).isEqualTo("BrandNew.Code");
        assertThat(error.requestId()).contains("req-7");
        assertThat(error.isRetryable()).isFalse();
        assertThat(ErrorCodes.exception(null, "m", null).code()).isEqualTo("UnknownError");
        assertThat(ErrorCodes.exception("", "m", null).code()).isEqualTo("UnknownError");
        assertThat(ErrorCodes.exception("X", null, null).getMessage()).isEqualTo("X");
    }

    @Test
    void clientSideCodesCarryTheirRetryFlag() {
        assertThat(ErrorCodes.connectionFailed("refused", null).isRetryable()).isTrue();
        assertThat(ErrorCodes.timeout("slow", null).isRetryable()).isTrue();
        assertThat(ErrorCodes.malformedResponse("bad", null).isRetryable()).isTrue();
        assertThat(ErrorCodes.responseTooLarge("big").isRetryable()).isFalse();
        assertThat(ErrorCodes.interrupted("stop", null).isRetryable()).isFalse();
        assertThat(ErrorCodes.httpStatus(502, "bad gateway").isRetryable()).isTrue();
        assertThat(ErrorCodes.httpStatus(429, "slow down").isRetryable()).isTrue();
        assertThat(ErrorCodes.httpStatus(404, "no").isRetryable()).isFalse();
        assertThat(ErrorCodes.httpStatus(502, "x").httpStatus()).hasValue(502);
        assertThat(ErrorCodes.exception("Transport.HttpStatus", "x", null)).isInstanceOfSatisfying(
                TransportException.class, error -> assertThat(error.httpStatus()).isEmpty());
        assertThat(ErrorCodes.timeout("slow", null).httpStatus()).isEmpty();
        assertThat(ErrorCodes.timeout("slow", null).requestId()).isEmpty();
    }

    @Test
    void familyLookupNeedsANameBeforeTheDot() {
        assertThat(ErrorCodes.classify(".InternalError").kind()).isEqualTo(ErrorCodes.Kind.UNRECOGNIZED);
        assertThat(ErrorCodes.classify("InternalError.X").kind()).isEqualTo(ErrorCodes.Kind.SERVICE_FAILURE);
        assertThat(ErrorCodes.classify(null).kind()).isEqualTo(ErrorCodes.Kind.UNRECOGNIZED);
        assertThat(ErrorCodes.classify("InternalError").toString()).isEqualTo("SERVICE_FAILURE (retryable)");
        assertThat(ErrorCodes.classify("InvalidParameter").toString()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void isRetryableReadsTheTable() {
        assertThat(ErrorCodes.isRetryable("InternalError")).isTrue();
        assertThat(ErrorCodes.isRetryable("RequestLimitExceeded")).isTrue();
        assertThat(ErrorCodes.isRetryable("ResourceNotFound.TaskNotFound")).isFalse();
        assertThat(ErrorCodes.isRetryable(null)).isFalse();
    }

    @Test
    void theLifecycleCodesHaveTheirTypes() {
        RecordingQueryException inUse = ErrorCodes.exception("ResourceInUse.TaskInUse", "recorded already", "r1");
        assertThat(inUse).isInstanceOf(TaskInUseException.class);
        assertThat(inUse.isRetryable()).as("a retry cannot start a room's second task").isFalse();
        assertThat(ErrorCodes.exception("ResourceInUse", "busy", "r").isRetryable()).isTrue();
        assertThat(ErrorCodes.exception("ResourceNotFound.RoomNotFound", "no one", "r2"))
                .isInstanceOf(RoomNotFoundException.class);
        assertThat(ErrorCodes.exception("OperationDenied", "no", "r3")).isInstanceOf(AccessDeniedException.class);
    }
}
