package io.gmerecording.mapping;

import io.gmerecording.core.RecordMode;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.spec.model.DescribeRecordInfoRequest;
import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import io.gmerecording.spec.model.DescribeTaskInfoRequest;
import io.gmerecording.spec.model.DescribeTaskInfoResponse;
import io.gmerecording.spec.model.ModifyRecordInfoRequest;
import io.gmerecording.spec.model.RecordInfo;
import io.gmerecording.spec.model.StartRecordRequest;
import io.gmerecording.spec.model.StartRecordResponse;
import io.gmerecording.spec.model.StopRecordRequest;
import io.gmerecording.spec.model.SubscribeRecordUserIds;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between the domain and the models generated from the spec, used by both adapters: a request model
 * from the domain's values, a domain value from a success answer's model. The adapters only move the models over
 * their wire, so a property added to the spec reaches the domain by the spec, the domain type and this class.
 *
 * <p>A field the service must send but did not is a {@code Transport.MalformedResponse} naming the field, so a
 * partial answer is never presented as a result; an absent RecordInfo means no recordings.
 */
public final class SpecMapping {

    private SpecMapping() {
    }

    public static DescribeRecordInfoRequest describeRecordInfo(TaskRef task) {
        return new DescribeRecordInfoRequest().taskId(task.taskId()).bizId(task.bizId());
    }

    public static StartRecordRequest startRecord(RoomRef room, RecordMode mode, Subscription subscription) {
        return new StartRecordRequest().bizId(room.bizId()).roomId(room.roomId().value()).recordMode(mode.code())
                .subscribeRecordUserIds(lists(subscription));
    }

    public static StopRecordRequest stopRecord(TaskRef task) {
        return new StopRecordRequest().taskId(task.taskId()).bizId(task.bizId());
    }

    public static ModifyRecordInfoRequest modifyRecordInfo(TaskRef task, RecordMode mode, Subscription subscription) {
        return new ModifyRecordInfoRequest().taskId(task.taskId()).recordMode(mode.code()).bizId(task.bizId())
                .subscribeRecordUserIds(lists(subscription));
    }

    public static DescribeTaskInfoRequest describeTaskInfo(RoomRef room) {
        return new DescribeTaskInfoRequest().bizId(room.bizId()).roomId(room.roomId().value());
    }

    /** @throws io.gmerecording.core.error.TransportException a malformed answer, naming the first missing field */
    public static RecordingTask recordingTask(TaskRef task, DescribeRecordInfoResponse answer) {
        List<Recording> recordings = new ArrayList<>();
        if (answer.getRecordInfo() != null) {
            for (RecordInfo item : answer.getRecordInfo()) {
                recordings.add(recording(item, "RecordInfo[" + recordings.size() + "]"));
            }
        }
        return RecordingTask.of(task, present(answer.getRoomId(), "RoomId"),
                present(answer.getRecordMode(), "RecordMode"), recordings,
                present(answer.getRequestId(), "RequestId"));
    }

    private static Recording recording(RecordInfo item, String name) {
        if (item == null) {
            throw ErrorCodes.malformedResponse(name + " is null", null);
        }
        Long seconds = present(item.getRecordBeginTime(), name + ".RecordBeginTime");
        Instant beginTime;
        try {
            beginTime = Instant.ofEpochSecond(seconds);
        } catch (DateTimeException e) {
            throw ErrorCodes.malformedResponse(name + ".RecordBeginTime is out of range: " + seconds, e);
        }
        return Recording.of(present(item.getUserId(), name + ".UserId"),
                present(item.getFileName(), name + ".FileName"), beginTime,
                present(item.getRecordStatus(), name + ".RecordStatus"));
    }

    /** StartRecord's answer: the task it started, which must have a positive TaskId. */
    public static StartedRecording started(RoomRef room, StartRecordResponse answer) {
        return StartedRecording.started(room.task(positive(answer.getTaskId(), "StartRecord")),
                answer.getRequestId());
    }

    /** StopRecord and ModifyRecordInfo answer nothing but their RequestId; empty when not given. */
    public static String requestId(String answered) {
        return answered == null ? "" : answered;
    }

    /**
     * DescribeTaskInfo's answer: the room's running task.
     *
     * @throws io.gmerecording.core.error.RoomNotFoundException when the answer names no task
     */
    public static RoomTask roomTask(RoomRef room, DescribeTaskInfoResponse answer) {
        Long taskId = answer.getTaskId();
        String requestId = answer.getRequestId();
        if (taskId == null || taskId == 0) {
            throw ErrorCodes.exception("ResourceNotFound.RoomNotFound", "the answer names no task for " + room,
                    requestId == null || requestId.isEmpty() ? null : requestId);
        }
        SubscribeRecordUserIds lists = answer.getSubscribeRecordUserIds();
        Subscription subscription;
        try {
            subscription = lists == null ? Subscription.everyone()
                    : Subscription.of(lists.getSubscribeUserIds(), lists.getUnSubscribeUserIds());
        } catch (IllegalArgumentException e) {
            throw ErrorCodes.malformedResponse("DescribeTaskInfo answered a subscription this library cannot hold: "
                    + e.getMessage(), null);
        }
        Long mode = answer.getRecordMode();
        return RoomTask.of(room.task(positive(taskId, "DescribeTaskInfo")), room,
                mode == null ? RecordMode.UNRECOGNIZED.code() : mode, subscription, requestId);
    }

    /** The wire lists: none for every user, else the one list the subscription holds. */
    private static SubscribeRecordUserIds lists(Subscription subscription) {
        switch (subscription.kind()) {
            case ONLY:
                return new SubscribeRecordUserIds().subscribeUserIds(subscription.userIds());
            case ALL_BUT:
                return new SubscribeRecordUserIds().unSubscribeUserIds(subscription.userIds());
            default:
                return null;
        }
    }

    private static long positive(Long id, String action) {
        if (id == null || id <= 0) {
            throw ErrorCodes.malformedResponse(action + " answered no positive TaskId (got " + id + ")", null);
        }
        return id;
    }

    private static <T> T present(T value, String field) {
        if (value == null) {
            throw ErrorCodes.malformedResponse("the success answer has no " + field, null);
        }
        return value;
    }
}
