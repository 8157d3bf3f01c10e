package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoResponse;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import io.gmerecording.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GmeEmulatorTest {

    private static final long BIZ = 3400352518L;
    private static final long SEED_TASK = 446192236330927912L;
    private static final long SIMULATED_TASK = 446192236330927913L;

    private static GmeClient sdkClient(GmeEmulator emulator, String secretId, String secretKey) {
        HttpProfile http = new HttpProfile();
        http.setEndpoint("127.0.0.1:" + emulator.port());
        http.setProtocol(HttpProfile.REQ_HTTP);
        return new GmeClient(new Credential(secretId, secretKey), "", new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    }

    private static DescribeRecordInfoRequest seedRequest() {
        DescribeRecordInfoRequest request = new DescribeRecordInfoRequest();
        request.setTaskId(SEED_TASK);
        request.setBizId(BIZ);
        return request;
    }

    @Test
    void theOfficialSdkGetsTheFixtureBack() throws Exception {
        try (GmeEmulator emulator = GmeEmulator.startDemo()) {
            DescribeRecordInfoResponse response = sdkClient(emulator, AcceptedKey.DEMO.secretId(),
                    AcceptedKey.DEMO.secretKey()).DescribeRecordInfo(seedRequest());

            assertThat(response.getRoomId()).isEqualTo("7743");
            assertThat(response.getRecordMode()).isEqualTo(1L);
            assertThat(response.getRecordInfo()).hasSize(1);
            assertThat(response.getRecordInfo()[0].getFileName()).isEqualTo("/3400352518_2314_447947346201176660_9081");
            assertThat(response.getRecordInfo()[0].getRecordBeginTime()).isEqualTo(1234567868L);
            assertThat(response.getRequestId()).isNotEmpty();
        }
    }

    @Test
    void theOfficialSdkWithAWrongKeyGetsSignatureFailure() {
        try (GmeEmulator emulator = GmeEmulator.startDemo()) {
            TencentCloudSDKException error = catchThrowableOfType(TencentCloudSDKException.class,
                    () -> sdkClient(emulator, AcceptedKey.DEMO.secretId(), "wrong-key").DescribeRecordInfo(seedRequest()));

            assertThat(error.getErrorCode()).isEqualTo("AuthFailure.SignatureFailure");
            assertThat(error.getRequestId()).isNotEmpty();
        }
    }

    @Test
    void theOfficialSdkWithAnUnknownSecretIdGetsSecretIdNotFound() {
        try (GmeEmulator emulator = GmeEmulator.startDemo()) {
            TencentCloudSDKException error = catchThrowableOfType(TencentCloudSDKException.class,
                    () -> sdkClient(emulator, "AKIDunknown", AcceptedKey.DEMO.secretKey()).DescribeRecordInfo(seedRequest()));

            assertThat(error.getErrorCode()).isEqualTo("AuthFailure.SecretIdNotFound");
        }
    }

    @Test
    void theOfficialSdkWithAClockTenMinutesOffGetsSignatureExpire() {
        Clock tenMinutesAhead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        try (GmeEmulator emulator = GmeEmulator.builder().clock(tenMinutesAhead).build()) {
            TencentCloudSDKException error = catchThrowableOfType(TencentCloudSDKException.class,
                    () -> sdkClient(emulator, AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey())
                            .DescribeRecordInfo(seedRequest()));

            assertThat(error.getErrorCode()).isEqualTo("AuthFailure.SignatureExpire");
        }
    }

    @Test
    void bothAdaptersAgreeOnTheSeedTask() {
        try (GmeEmulator emulator = GmeEmulator.startDemo()) {
            Credentials demo = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());
            Transport http = HttpTransport.builder().endpoint(emulator.endpoint()).credentials(demo).build();
            Transport sdk = SdkTransport.builder().endpoint(emulator.endpoint()).credentials(demo).build();

            RecordingTask viaHttp = http.describe(TaskRef.of(BIZ, SEED_TASK));
            RecordingTask viaSdk = sdk.describe(TaskRef.of(BIZ, SEED_TASK));

            assertThat(viaHttp.roomId()).isEqualTo("7743");
            assertThat(viaSdk.roomId()).isEqualTo("7743");
            assertThat(viaSdk.recordings()).isEqualTo(viaHttp.recordings());
            assertThat(viaHttp.requestId()).isNotEqualTo(viaSdk.requestId());
            assertThatThrownBy(() -> http.describe(TaskRef.of(BIZ, 1L))).isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> sdk.describe(TaskRef.of(BIZ, 1L))).isInstanceOf(TaskNotFoundException.class);
        }
    }

    @Test
    void theTwentyFirstRequestWithinOneSecondForOneBizIdIsThrottled() {
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        try (GmeEmulator emulator = GmeEmulator.builder().clock(frozen).build()) {
            Transport query = HttpTransport.builder().endpoint(emulator.endpoint()).clock(frozen)
                    .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey())).build();
            for (int i = 0; i < 20; i++) {
                query.describe(TaskRef.of(BIZ, SEED_TASK));
            }

            RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                    () -> query.describe(TaskRef.of(BIZ, SEED_TASK)));

            assertThat(error.code()).isEqualTo("RequestLimitExceeded");
            assertThat(error.isRetryable()).isTrue();
            assertThat(emulator.requestLog().count("RequestLimitExceeded")).isEqualTo(1);
            assertThat(emulator.requestLog().entries()).hasSize(21);
        }
    }

    @Test
    void byDefaultTheLimitIsPerAccountAndTheLogRecordsWhichAccount() {
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        AcceptedKey one = AcceptedKey.of("AKIDaccountOne", "key-one");
        AcceptedKey two = AcceptedKey.of("AKIDaccountTwo", "key-two");
        try (GmeEmulator emulator = GmeEmulator.builder().clock(frozen).accept(one).accept(two).build()) {
            Transport first = HttpTransport.builder().endpoint(emulator.endpoint()).clock(frozen)
                    .credentials(Credentials.of(one.secretId(), one.secretKey())).build();
            Transport second = HttpTransport.builder().endpoint(emulator.endpoint()).clock(frozen)
                    .credentials(Credentials.of(two.secretId(), two.secretKey())).build();
            for (int i = 0; i < 20; i++) {
                first.describe(TaskRef.of(BIZ, SEED_TASK));
            }

            assertThatThrownBy(() -> first.describe(TaskRef.of(BIZ, SEED_TASK))).hasMessageContaining("RequestLimitExceeded")
                    .hasMessageContaining("for this account");
            assertThat(second.describe(TaskRef.of(BIZ, SEED_TASK)).roomId()).as("another account, the same app")
                    .isEqualTo("7743");
            assertThat(emulator.requestLog().entries()).extracting(RequestLog.Entry::secretId)
                    .containsOnly(one.secretId(), two.secretId());
            assertThat(emulator.requestLog().entries().stream().filter(entry -> one.secretId().equals(entry.secretId())))
                    .hasSize(21);
        }
    }

    @Test
    void theLimitIsASlidingWindowPerBizId() {
        MutableClock clock = new MutableClock(Instant.now());
        String twoApps = "{\"tasks\":[{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"a\",\"RecordMode\":1},"
                + "{\"BizId\":2,\"TaskId\":1,\"RoomId\":\"b\",\"RecordMode\":1}]}";
        try (GmeEmulator emulator = GmeEmulator.builder().clock(clock).rateLimitScope(RateLimitScope.BIZ_ID)
                .fixtures(Fixtures.parse(twoApps.getBytes(StandardCharsets.UTF_8), "test")).build()) {
            Transport query = HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock)
                    .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey())).build();
            for (int i = 0; i < 20; i++) {
                query.describe(TaskRef.of(1, 1));
                clock.advance(Duration.ofMillis(40));
            }
            assertThat(query.describe(TaskRef.of(2, 1)).roomId()).isEqualTo("b");
            assertThatThrownBy(() -> query.describe(TaskRef.of(1, 1))).hasMessageContaining("RequestLimitExceeded");
            clock.advance(Duration.ofMillis(200));
            assertThat(query.describe(TaskRef.of(1, 1)).roomId()).isEqualTo("a");
            assertThat(emulator.requestLog().maxInAnyWindow(Duration.ofSeconds(1))).isEqualTo(22);
        }
    }

    @Test
    void aSimulatedTaskMovesThroughThePipelineWithTheEmulatorsClock() {
        MutableClock clock = new MutableClock(Instant.now());
        try (GmeEmulator emulator = GmeEmulator.builder().clock(clock).build()) {
            Transport query = HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock)
                    .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey())).build();
            TaskRef simulated = TaskRef.of(BIZ, SIMULATED_TASK);

            RecordStatus[] expected = {RecordStatus.RECORDING, RecordStatus.AWAITING_TRANSCODE,
                RecordStatus.TRANSCODING, RecordStatus.UPLOADING, RecordStatus.UPLOADED, RecordStatus.NOTIFIED,
                RecordStatus.NOTIFIED};
            for (RecordStatus status : expected) {
                RecordingTask task = query.describe(simulated);
                assertThat(task.recordings()).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(status));
                clock.advance(Duration.ofMillis(1000));
            }
        }
    }

    @Test
    void temporaryCredentialsNeedTheirToken() {
        AcceptedKey key = AcceptedKey.withToken("AKIDtemp", "temp-key", "the-token");
        try (GmeEmulator emulator = GmeEmulator.builder().accept(key).build()) {
            Transport withToken = HttpTransport.builder().endpoint(emulator.endpoint())
                    .credentials(Credentials.of("AKIDtemp", "temp-key", "the-token")).build();
            Transport withoutToken = HttpTransport.builder().endpoint(emulator.endpoint())
                    .credentials(Credentials.of("AKIDtemp", "temp-key")).build();

            assertThat(withToken.describe(TaskRef.of(BIZ, SEED_TASK)).roomId()).isEqualTo("7743");
            assertThatThrownBy(() -> withoutToken.describe(TaskRef.of(BIZ, SEED_TASK)))
                    .hasMessageContaining("AuthFailure.TokenFailure");
        }
    }

    @Test
    void rawRequestsGetTheRealErrorCodesInOrder() throws Exception {
        try (GmeEmulator emulator = GmeEmulator.startDemo()) {
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11", "{\"TaskId\":1,\"BizId\":" + BIZ + "}", true))
                    .contains("ResourceNotFound.TaskNotFound");
            assertThat(SignedRequests.send(emulator, "DescribeRoomInfo", "2018-07-11", "{}", true)).contains("InvalidAction");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2017-01-01", "{}", true)).contains("NoSuchVersion");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11", "{\"BizId\":" + BIZ + "}", true))
                    .contains("MissingParameter").contains("TaskId");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11", "{\"TaskId\":\"x\",\"BizId\":1}", true))
                    .contains("\"InvalidParameter\"");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11", "not json", true))
                    .contains("\"InvalidParameter\"");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11", "{\"TaskId\":1,\"BizId\":5}", true))
                    .contains("InvalidParameterValue.InvalidBizId");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11", "{\"TaskId\":1,\"BizId\":5,\"X\":1}", true))
                    .contains("UnknownParameter");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11", "{}", false))
                    .contains("AuthFailure.InvalidAuthorization");
            assertThat(SignedRequests.send(emulator, "DescribeRecordInfo", "2018-07-11",
                    "{\"TaskId\":" + SEED_TASK + ",\"BizId\":" + BIZ + "}", true))
                    .contains("\"RoomId\":\"7743\"").contains("\"RecordBeginTime\":1234567868").contains("\"RequestId\"");
        }
    }
}
