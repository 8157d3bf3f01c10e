package io.gmerecording.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.RecordMode;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.spec.json.SpecJson;
import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import io.gmerecording.spec.model.DescribeRecordInfoResponseJson;
import io.gmerecording.spec.model.DescribeTaskInfoResponse;
import io.gmerecording.spec.model.DescribeTaskInfoResponseJson;
import io.gmerecording.spec.model.StartRecordRequestJson;
import io.gmerecording.spec.model.StartRecordResponseJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SpecMappingTest {

    private static final TaskRef REF = TaskRef.of(3400352518L, 446192236330927912L);
    private static final RoomRef ROOM = RoomRef.of(3400352518L, "7743");

    @Test
    void mapsTheSeedAnswer() throws IOException {
        RecordingTask task = SpecMapping.recordingTask(REF, describe("{\"RoomId\":\"7743\",\"RecordMode\":1,"
                + "\"RecordInfo\":[{\"UserId\":\"6787\",\"FileName\":\"/3400352518_2314_447947346201176660_9081\","
                + "\"RecordBeginTime\":1234567868,\"RecordStatus\":2}],"
                + "\"RequestId\":\"h9167d24-a2c6-1125-a5bd-5c023ba721c2\"}"));

        assertThat(task.ref()).isEqualTo(REF);
        assertThat(task.roomId()).isEqualTo("7743");
        assertThat(task.recordMode()).isEqualTo(RecordMode.SINGLE_STREAM);
        assertThat(task.requestId()).isEqualTo("h9167d24-a2c6-1125-a5bd-5c023ba721c2");
        assertThat(task.recordings()).containsExactly(Recording.of(
                "6787", "/3400352518_2314_447947346201176660_9081", Instant.parse("2009-02-13T23:31:08Z"), 2));
    }

    @Test
    void noRecordInfoMeansNoRecordings() throws IOException {
        RecordingTask task = SpecMapping.recordingTask(REF,
                describe("{\"RoomId\":\"1\",\"RecordMode\":2,\"RequestId\":\"r\"}"));

        assertThat(task.recordings()).isEmpty();
    }

    @Test
    void missingFieldsAreMalformedAnswersNamingTheField() {
        String item = "{\"UserId\":\"u\",\"FileName\":\"f\",\"RecordBeginTime\":1,\"RecordStatus\":2}";
        assertMalformed("{\"RecordMode\":1,\"RequestId\":\"r\"}", "RoomId");
        assertMalformed("{\"RoomId\":\"1\",\"RequestId\":\"r\"}", "RecordMode");
        assertMalformed("{\"RoomId\":\"1\",\"RecordMode\":1}", "RequestId");
        assertMalformed(withItems("{\"FileName\":\"f\",\"RecordBeginTime\":1,\"RecordStatus\":2}"),
                "RecordInfo[0].UserId");
        assertMalformed(withItems(item + ",{\"UserId\":\"u\",\"RecordBeginTime\":1,\"RecordStatus\":2}"),
                "RecordInfo[1].FileName");
        assertMalformed(withItems("{\"UserId\":\"u\",\"FileName\":\"f\",\"RecordStatus\":2}"),
                "RecordInfo[0].RecordBeginTime");
        assertMalformed(withItems("{\"UserId\":\"u\",\"FileName\":\"f\",\"RecordBeginTime\":1}"),
                "RecordInfo[0].RecordStatus");
        assertMalformed(withItems("null"), "RecordInfo[0] is null");
        assertMalformed(withItems("{\"UserId\":\"u\",\"FileName\":\"f\",\"RecordBeginTime\":" + Long.MAX_VALUE
                + ",\"RecordStatus\":2}"), "out of range");
    }

    @Test
    void aStartWithoutAPositiveTaskIdIsMalformed() {
        for (String answer : List.of("{\"RequestId\":\"r\"}", "{\"TaskId\":0,\"RequestId\":\"r\"}",
                "{\"TaskId\":-4,\"RequestId\":\"r\"}")) {
            assertMalformed(() -> SpecMapping.started(ROOM,
                    SpecJson.read(answer.getBytes(StandardCharsets.UTF_8), StartRecordResponseJson::read)),
                    "StartRecord answered no positive TaskId");
        }
    }

    @Test
    void aRoomWithoutATaskIsRoomNotFoundAndBothListsAreMalformed() throws IOException {
        RecordingQueryException none = catchThrowableOfType(RecordingQueryException.class,
                () -> SpecMapping.roomTask(ROOM, taskInfo("{\"TaskId\":0,\"RequestId\":\"r\"}")));
        assertThat(none.code()).isEqualTo("ResourceNotFound.RoomNotFound");
        assertMalformed(() -> SpecMapping.roomTask(ROOM, taskInfo("{\"TaskId\":5,\"RecordMode\":1,"
                + "\"SubscribeRecordUserIds\":{\"SubscribeUserIds\":[\"a\"],\"UnSubscribeUserIds\":[\"b\"]},"
                + "\"RequestId\":\"r\"}")), "one list at a time");

        RoomTask task = SpecMapping.roomTask(ROOM, taskInfo("{\"TaskId\":5,\"RecordMode\":3,"
                + "\"SubscribeRecordUserIds\":{\"UnSubscribeUserIds\":[\"b\"]},\"RequestId\":\"r\"}"));
        assertThat(task.task()).isEqualTo(ROOM.task(5));
        assertThat(task.recordMode()).isEqualTo(RecordMode.SINGLE_AND_MIXED);
        assertThat(task.subscription()).isEqualTo(Subscription.allBut(List.of("b")));
    }

    @Test
    void aStartRequestCarriesOneListOrNone() {
        assertThat(json(Subscription.only(List.of("a")))).isEqualTo("{\"BizId\":3400352518,\"RoomId\":\"7743\","
                + "\"RecordMode\":1,\"SubscribeRecordUserIds\":{\"SubscribeUserIds\":[\"a\"]}}");
        assertThat(json(Subscription.allBut(List.of("b")))).contains("{\"UnSubscribeUserIds\":[\"b\"]}");
        assertThat(json(Subscription.everyone())).doesNotContain("SubscribeRecordUserIds");
    }

    private static String json(Subscription subscription) {
        return new String(SpecJson.write(SpecMapping.startRecord(ROOM, RecordMode.SINGLE_STREAM, subscription),
                StartRecordRequestJson::write), StandardCharsets.UTF_8);
    }

    private static String withItems(String items) {
        return "{\"RoomId\":\"1\",\"RecordMode\":1,\"RecordInfo\":[" + items + "],\"RequestId\":\"r\"}";
    }

    private static DescribeRecordInfoResponse describe(String json) throws IOException {
        return SpecJson.read(json.getBytes(StandardCharsets.UTF_8), DescribeRecordInfoResponseJson::read);
    }

    private static DescribeTaskInfoResponse taskInfo(String json) throws IOException {
        return SpecJson.read(json.getBytes(StandardCharsets.UTF_8), DescribeTaskInfoResponseJson::read);
    }

    private static void assertMalformed(String answer, String named) {
        assertMalformed(() -> SpecMapping.recordingTask(REF, describe(answer)), named);
    }

    private static void assertMalformed(Executable call, String named) {
        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class, call::execute);
        assertThat(error).as("expected a malformed-response error naming %s", named).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_MALFORMED_RESPONSE);
        assertThat(error.getMessage()).contains(named);
        assertThat(error.isRetryable()).isTrue();
    }
}
