package io.gmerecording.core.spi;

import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.error.ErrorCodes;
import java.util.Collection;

/**
 * For adapters: the lifecycle answers' domain values from their nullable wire fields, the same way for every
 * adapter. A TaskId that is missing or not positive is a {@code Transport.MalformedResponse}; a DescribeTaskInfo
 * answer that names no task is the room's {@code ResourceNotFound.RoomNotFound}.
 */
public final class LifecycleAnswers {

    private LifecycleAnswers() {
    }

    /** StartRecord's answer: the task it started. */
    public static StartedRecording started(RoomRef room, Long taskId, String requestId) {
        return StartedRecording.started(room.task(positive(taskId, "StartRecord")), requestId);
    }

    /**
     * DescribeTaskInfo's answer: the room's running task, its lists null when not given.
     *
     * @throws io.gmerecording.core.error.RoomNotFoundException when the answer names no task
     */
    public static RoomTask roomTask(RoomRef room, Long taskId, Long recordMode, Collection<String> subscribeUserIds,
            Collection<String> unsubscribeUserIds, String requestId) {
        if (taskId == null || taskId == 0) {
            throw ErrorCodes.exception("ResourceNotFound.RoomNotFound", "the answer names no task for " + room,
                    requestId == null || requestId.isEmpty() ? null : requestId);
        }
        Subscription subscription;
        try {
            subscription = Subscription.of(subscribeUserIds, unsubscribeUserIds);
        } catch (IllegalArgumentException e) {
            throw ErrorCodes.malformedResponse("DescribeTaskInfo answered a subscription this library cannot hold: "
                    + e.getMessage(), null);
        }
        return RoomTask.of(room.task(positive(taskId, "DescribeTaskInfo")), room,
                recordMode == null ? RecordMode.UNRECOGNIZED.code() : recordMode, subscription, requestId);
    }

    private static long positive(Long id, String action) {
        if (id == null || id <= 0) {
            throw ErrorCodes.malformedResponse(action + " answered no positive TaskId (got " + id + ")", null);
        }
        return id;
    }
}
