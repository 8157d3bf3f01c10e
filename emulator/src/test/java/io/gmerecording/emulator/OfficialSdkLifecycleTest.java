package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoResponse;
import com.tencentcloudapi.gme.v20180711.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.DescribeTaskInfoResponse;
import com.tencentcloudapi.gme.v20180711.models.ModifyRecordInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.RecordInfo;
import com.tencentcloudapi.gme.v20180711.models.StartRecordRequest;
import com.tencentcloudapi.gme.v20180711.models.StopRecordRequest;
import com.tencentcloudapi.gme.v20180711.models.SubscribeRecordUserIds;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import io.gmerecording.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDK's own {@code GmeClient}, as a user of it would call the five actions, against the emulator: at
 * every step its answer is the one both our adapters give for the same state.
 */
class OfficialSdkLifecycleTest {

    private static final long BIZ = 1400000000L;
    private static final Credentials DEMO = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());

    // the SDK signs with the system clock, so the emulator's starts from it (and moves by seconds only)
    private final MutableClock clock = new MutableClock(Instant.now());
    private GmeEmulator emulator;
    private GmeClient official;
    private List<GmeRecording> ours;

    @BeforeEach
    void start() {
        emulator = GmeEmulator.builder().clock(clock).simulationStep(Duration.ofSeconds(1)).build();
        HttpProfile http = new HttpProfile();
        http.setEndpoint("127.0.0.1:" + emulator.port());
        http.setProtocol(HttpProfile.REQ_HTTP);
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        official = new GmeClient(new Credential(DEMO.secretId(), AcceptedKey.DEMO.secretKey()), "", profile);
        ours = List.of(
                GmeRecording.builder().transport(HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock)
                        .credentials(DEMO).build()).build(),
                GmeRecording.builder().transport(SdkTransport.builder().endpoint(emulator.endpoint())
                        .credentials(DEMO).build()).build());
    }

    @AfterEach
    void stop() {
        ours.forEach(GmeRecording::close);
        emulator.close();
    }

    @Test
    void startModifyTaskInfoRecordInfoAndStopAnswerAsOurAdaptersDo() throws Exception {
        RoomRef room = RoomRef.of(BIZ, "200");
        emulator.room(BIZ, "200").join("999").join("1001").join("1002");

        StartRecordRequest start = new StartRecordRequest();
        start.setBizId(BIZ);
        start.setRoomId("200");
        start.setRecordMode(3L);
        start.setSubscribeRecordUserIds(lists(new String[] {"999", "1001"}, null));
        long taskId = official.StartRecord(start).getTaskId();
        TaskRef task = TaskRef.of(BIZ, taskId);
        for (GmeRecording client : ours) {
            StartedRecording again = client.control().start(room, RecordMode.SINGLE_AND_MIXED, Subscription.everyone());
            assertThat(again.alreadyRunning()).isTrue();
            assertThat(again.task()).isEqualTo(task);
        }

        assertTaskInfoAgrees(room, RecordMode.SINGLE_AND_MIXED, Subscription.only(List.of("999", "1001")));
        assertRecordInfoAgrees(task, "999", "1001", "0");

        ModifyRecordInfoRequest modify = new ModifyRecordInfoRequest();
        modify.setBizId(BIZ);
        modify.setTaskId(taskId);
        modify.setRecordMode(1L);
        modify.setSubscribeRecordUserIds(lists(null, new String[] {"1001"}));
        assertThat(official.ModifyRecordInfo(modify).getRequestId()).isNotBlank();
        assertTaskInfoAgrees(room, RecordMode.SINGLE_STREAM, Subscription.allBut(List.of("1001")));
        assertRecordInfoAgrees(task, "999", "1001", "0", "1002");

        StopRecordRequest stop = new StopRecordRequest();
        stop.setBizId(BIZ);
        stop.setTaskId(taskId);
        assertThat(official.StopRecord(stop).getRequestId()).isNotBlank();
        clock.advance(Duration.ofSeconds(10));
        assertRecordInfoAgrees(task, "999", "1001", "0", "1002");
        assertThat(describe(taskId).getRecordInfo()).extracting(RecordInfo::getRecordStatus).containsOnly(14L);
        for (GmeRecording client : ours) {
            assertThat(client.control().taskOf(room)).isEmpty();
        }
        assertThatThrownBy(() -> official.StopRecord(stop)).isInstanceOfSatisfying(TencentCloudSDKException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("ResourceNotFound.TaskNotFound"));
        assertThatThrownBy(() -> official.DescribeTaskInfo(taskInfoRequest(room)))
                .isInstanceOfSatisfying(TencentCloudSDKException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo("ResourceNotFound.RoomNotFound"));
    }

    @Test
    void aTaskOurAdapterStartedIsTheOneTheOfficialSdkFinds() throws Exception {
        RoomRef room = RoomRef.of(BIZ, "201");
        emulator.room(BIZ, "201").join("7");
        StartedRecording started = ours.get(0).control().start(room, RecordMode.MIXED_STREAM, Subscription.everyone());

        DescribeTaskInfoResponse found = official.DescribeTaskInfo(taskInfoRequest(room));
        assertThat(found.getTaskId()).isEqualTo(started.task().taskId());
        assertThat(found.getRecordMode()).isEqualTo(2L);
        assertThatThrownBy(() -> {
            StartRecordRequest twice = new StartRecordRequest();
            twice.setBizId(BIZ);
            twice.setRoomId("201");
            twice.setRecordMode(2L);
            official.StartRecord(twice);
        }).isInstanceOfSatisfying(TencentCloudSDKException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("ResourceInUse.TaskInUse"));
        assertRecordInfoAgrees(started.task(), "0");
    }

    private void assertTaskInfoAgrees(RoomRef room, RecordMode mode, Subscription subscription) throws Exception {
        DescribeTaskInfoResponse answer = official.DescribeTaskInfo(taskInfoRequest(room));
        SubscribeRecordUserIds lists = answer.getSubscribeRecordUserIds();
        for (GmeRecording client : ours) {
            RoomTask found = client.control().taskOf(room).orElseThrow();
            assertThat(found.task().taskId()).isEqualTo(answer.getTaskId());
            assertThat(found.recordModeCode()).isEqualTo(answer.getRecordMode()).isEqualTo(mode.code());
            assertThat(found.subscription()).isEqualTo(subscription);
            assertThat(found.subscription().userIds()).containsExactlyElementsOf(ids(lists));
        }
    }

    private void assertRecordInfoAgrees(TaskRef task, String... userIds) throws Exception {
        DescribeRecordInfoResponse answer = describe(task.taskId());
        List<Recording> official = new ArrayList<>();
        for (RecordInfo info : answer.getRecordInfo()) {
            official.add(Recording.of(info.getUserId(), info.getFileName(),
                    Instant.ofEpochSecond(info.getRecordBeginTime()), info.getRecordStatus()));
        }
        assertThat(official).extracting(Recording::userId).containsExactly(userIds);
        for (GmeRecording client : ours) {
            RecordingTask recorded = client.query().describe(task);
            assertThat(recorded.roomId()).isEqualTo(answer.getRoomId());
            assertThat(recorded.recordModeCode()).isEqualTo(answer.getRecordMode());
            assertThat(recorded.recordings()).isEqualTo(official);
        }
    }

    private DescribeRecordInfoResponse describe(long taskId) throws TencentCloudSDKException {
        DescribeRecordInfoRequest request = new DescribeRecordInfoRequest();
        request.setBizId(BIZ);
        request.setTaskId(taskId);
        return official.DescribeRecordInfo(request);
    }

    private static DescribeTaskInfoRequest taskInfoRequest(RoomRef room) {
        DescribeTaskInfoRequest request = new DescribeTaskInfoRequest();
        request.setBizId(room.bizId());
        request.setRoomId(room.roomId().value());
        return request;
    }

    private static SubscribeRecordUserIds lists(String[] only, String[] allBut) {
        SubscribeRecordUserIds lists = new SubscribeRecordUserIds();
        lists.setSubscribeUserIds(only);
        lists.setUnSubscribeUserIds(allBut);
        return lists;
    }

    private static List<String> ids(SubscribeRecordUserIds lists) {
        if (lists == null) {
            return List.of();
        }
        String[] given = lists.getSubscribeUserIds() != null ? lists.getSubscribeUserIds() : lists.getUnSubscribeUserIds();
        return given == null ? List.of() : Arrays.asList(given);
    }
}
