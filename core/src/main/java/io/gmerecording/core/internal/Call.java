package io.gmerecording.core.internal;

import io.gmerecording.core.Action;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingObserver;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One call through the pipeline and its context: the request as observers see it (action, task or room, the
 * transport's name, the attempt), which failures a retry may follow, and what the transport is asked at the end.
 * Immutable: a step that changes the context (the retry step numbering attempts) hands a new one down the chain, so
 * nothing about a call rides on a thread.
 *
 * @param <T> what the call answers
 */
public final class Call<T> {

    private final RecordingObserver.Request request;
    private final Predicate<RecordingQueryException> retryable;
    private final Function<Transport, T> send;

    private Call(RecordingObserver.Request request, Predicate<RecordingQueryException> retryable,
            Function<Transport, T> send) {
        this.request = Objects.requireNonNull(request, "request must not be null");
        this.retryable = retryable;
        this.send = send;
    }

    /** {@code DescribeRecordInfo} for {@code task} through the transport called {@code adapter}, attempt 1. */
    public static Call<RecordingTask> describe(TaskRef task, String adapter) {
        return about(task, Action.DESCRIBE_RECORD_INFO, adapter, transport -> transport.describe(task));
    }

    /** {@code StartRecord} for {@code room}. */
    public static Call<StartedRecording> start(RoomRef room, RecordMode mode, Subscription subscription,
            String adapter) {
        return new Call<>(RecordingObserver.Request.about(adapter, Action.START_RECORD, room, 1),
                RecordingQueryException::isRetryable, transport -> transport.startRecord(room, mode, subscription));
    }

    /** {@code StopRecord} for {@code task}; answers the RequestId. */
    public static Call<String> stop(TaskRef task, String adapter) {
        return about(task, Action.STOP_RECORD, adapter, transport -> transport.stopRecord(task));
    }

    /** {@code ModifyRecordInfo} for {@code task}; answers the RequestId. */
    public static Call<String> modify(TaskRef task, RecordMode mode, Subscription subscription, String adapter) {
        return about(task, Action.MODIFY_RECORD_INFO, adapter,
                transport -> transport.modifyRecordInfo(task, mode, subscription));
    }

    /** {@code DescribeTaskInfo} for {@code room}: its running task (RoomNotFoundException when it has none). */
    public static Call<RoomTask> taskOf(RoomRef room, String adapter) {
        return new Call<>(RecordingObserver.Request.about(adapter, Action.DESCRIBE_TASK_INFO, room, 1),
                RecordingQueryException::isRetryable, transport -> transport.describeTaskInfo(room));
    }

    private static <T> Call<T> about(TaskRef task, Action action, String adapter, Function<Transport, T> send) {
        return new Call<>(RecordingObserver.Request.about(adapter, action, task, 1),
                RecordingQueryException::isRetryable, send);
    }

    /** The same call as attempt {@code number}. */
    public Call<T> attempt(int number) {
        return new Call<>(request.attempt(Policies.atLeastOne(number, "attempt")), retryable, send);
    }

    /** The same call, retried only after a failure that {@code rule} accepts (and that is retryable at all). */
    public Call<T> retryingOnly(Predicate<RecordingQueryException> rule) {
        Objects.requireNonNull(rule, "rule must not be null");
        return new Call<>(request, failure -> failure.isRetryable() && rule.test(failure), send);
    }

    /** Whether a retry may follow this failure of the call. */
    public boolean mayRetryAfter(RecordingQueryException failure) {
        return retryable.test(failure);
    }

    /** The request as observers see it. */
    public RecordingObserver.Request request() {
        return request;
    }

    public Action action() {
        return request.action();
    }

    /** 1 for the first, 2 for the first retry, ... */
    public int attempt() {
        return request.attempt();
    }

    /** The request itself, sent by the last link of the chain. */
    T sendThrough(Transport transport) {
        return send.apply(transport);
    }

    @Override
    public String toString() {
        return request.toString();
    }
}
