package io.gmerecording.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.InvalidRequestException;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.RoomNotFoundException;
import io.gmerecording.core.error.TaskInUseException;
import io.gmerecording.core.error.TaskNotFoundException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every adapter must do for the lifecycle actions, given the same answers on the wire: the same request bodies
 * (the action's fields, the one subscription list), the same domain values, the same exception types.
 */
public abstract class LifecycleContract extends WireMockContract {

    protected static final Credentials CREDENTIALS = Credentials.of("AKIDcontract0000", "contract-secret-key");
    protected static final RoomRef ROOM = RoomRef.of(1400000000L, "100");
    protected static final TaskRef TASK = ROOM.task(446946705284000000L);

    protected LifecycleContract(ContractTransport transports) {
        super(transports);
    }

    private Transport transport() {
        return newTransport(endpoint(), CREDENTIALS, Duration.ofSeconds(5));
    }

    private void answer(String action, String response) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-TC-Action", equalTo(action)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"Response\":" + response + "}")));
    }

    private void refuse(String action, String code) {
        answer(action, "{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"message for " + code + "\"},"
                + "\"RequestId\":\"req-" + code + "\"}");
    }

    private void sent(String action, String json) {
        server.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-TC-Action", equalTo(action))
                .withHeader("X-TC-Version", equalTo("2018-07-11")).withRequestBody(equalToJson(json)));
    }

    @Test
    void startSendsTheRoomTheModeAndTheOneListAndAnswersTheTask() {
        answer("StartRecord", "{\"TaskId\":446946705284000000,\"RequestId\":\"req-start\"}");

        StartedRecording started = transport().startRecord(ROOM, RecordMode.SINGLE_STREAM,
                Subscription.only(List.of("999", "1001")));

        assertThat(started).isEqualTo(StartedRecording.started(TASK, "req-start"));
        assertThat(started.requestId()).isEqualTo("req-start");
        sent("StartRecord", "{\"BizId\":1400000000,\"RoomId\":\"100\",\"RecordMode\":1,"
                + "\"SubscribeRecordUserIds\":{\"SubscribeUserIds\":[\"999\",\"1001\"]}}");
    }

    @Test
    void startForEveryoneSendsNoLists() {
        answer("StartRecord", "{\"TaskId\":446946705284000000,\"RequestId\":\"req-start\"}");

        transport().startRecord(ROOM, RecordMode.MIXED_STREAM, Subscription.everyone());

        sent("StartRecord", "{\"BizId\":1400000000,\"RoomId\":\"100\",\"RecordMode\":2}");
    }

    @Test
    void startInARecordedRoomIsTaskInUseAndInAnEmptyOneRoomNotFound() {
        refuse("StartRecord", "ResourceInUse.TaskInUse");
        TaskInUseException inUse = catchThrowableOfType(TaskInUseException.class,
                () -> transport().startRecord(ROOM, RecordMode.SINGLE_STREAM, Subscription.everyone()));
        assertThat(inUse.requestId()).contains("req-ResourceInUse.TaskInUse");
        assertThat(inUse.isRetryable()).isFalse();

        server.resetAll();
        refuse("StartRecord", "ResourceNotFound.RoomNotFound");
        assertThat(catchThrowableOfType(RoomNotFoundException.class, () -> transport().startRecord(ROOM,
                RecordMode.SINGLE_STREAM, Subscription.everyone()))).isNotNull();
    }

    @Test
    void aTaskIdBeyondASigned64BitValueIsAMalformedAnswerNeverANegativeId() {
        answer("StartRecord", "{\"TaskId\":18446744073709551615,\"RequestId\":\"req-big\"}");

        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> transport().startRecord(ROOM, RecordMode.SINGLE_STREAM, Subscription.everyone()));

        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_MALFORMED_RESPONSE);
    }

    @Test
    void stopSendsTheTaskAndAnswersItsRequestId() {
        answer("StopRecord", "{\"RequestId\":\"req-stop\"}");

        assertThat(transport().stopRecord(TASK)).isEqualTo("req-stop");
        sent("StopRecord", "{\"TaskId\":446946705284000000,\"BizId\":1400000000}");

        server.resetAll();
        refuse("StopRecord", "ResourceNotFound.TaskNotFound");
        assertThat(catchThrowableOfType(TaskNotFoundException.class, () -> transport().stopRecord(TASK))).isNotNull();
    }

    @Test
    void modifySendsTheModeEveryTimeAndTheOtherList() {
        answer("ModifyRecordInfo", "{\"RequestId\":\"req-modify\"}");

        assertThat(transport().modifyRecordInfo(TASK, RecordMode.SINGLE_AND_MIXED,
                Subscription.allBut(List.of("1002")))).isEqualTo("req-modify");
        sent("ModifyRecordInfo", "{\"TaskId\":446946705284000000,\"RecordMode\":3,\"BizId\":1400000000,"
                + "\"SubscribeRecordUserIds\":{\"UnSubscribeUserIds\":[\"1002\"]}}");

        server.resetAll();
        refuse("ModifyRecordInfo", "InvalidParameterValue.InvalidUNSubscribeUserIds");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> transport().modifyRecordInfo(TASK,
                RecordMode.SINGLE_STREAM, Subscription.everyone())).code())
                .isEqualTo("InvalidParameterValue.InvalidUNSubscribeUserIds");
    }

    @Test
    void theTaskOfARoomIsItsTaskModeAndSubscription() {
        answer("DescribeTaskInfo", "{\"TaskId\":446946705284000000,\"RecordMode\":1,\"SubscribeRecordUserIds\":"
                + "{\"SubscribeUserIds\":[\"999\"]},\"RequestId\":\"req-info\"}");

        RoomTask task = transport().describeTaskInfo(ROOM);

        assertThat(task).isEqualTo(RoomTask.of(TASK, ROOM, 1, Subscription.only(List.of("999")), "req-info"));
        assertThat(task.requestId()).isEqualTo("req-info");
        sent("DescribeTaskInfo", "{\"BizId\":1400000000,\"RoomId\":\"100\"}");
    }

    @Test
    void aRoomWithNoTaskIsRoomNotFoundWhetherTheServiceSaysSoOrAnswersNoTask() {
        refuse("DescribeTaskInfo", "ResourceNotFound.RoomNotFound");
        assertThat(catchThrowableOfType(RoomNotFoundException.class, () -> transport().describeTaskInfo(ROOM))
                .requestId()).contains("req-ResourceNotFound.RoomNotFound");

        server.resetAll();
        answer("DescribeTaskInfo", "{\"TaskId\":0,\"RequestId\":\"req-empty\"}");
        assertThat(catchThrowableOfType(RoomNotFoundException.class, () -> transport().describeTaskInfo(ROOM))
                .requestId()).contains("req-empty");

        server.resetAll();
        answer("DescribeTaskInfo", "{\"RequestId\":\"req-absent\"}");
        assertThat(catchThrowableOfType(RoomNotFoundException.class, () -> transport().describeTaskInfo(ROOM)))
                .isNotNull();
    }

    @Test
    void aRunningTaskWithNoListsRecordsEveryone() {
        answer("DescribeTaskInfo", "{\"TaskId\":446946705284000000,\"RecordMode\":2,\"RequestId\":\"req-info\"}");

        assertThat(transport().describeTaskInfo(ROOM).subscription()).isEqualTo(Subscription.everyone());
    }
}
