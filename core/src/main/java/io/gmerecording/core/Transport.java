package io.gmerecording.core;

import io.gmerecording.core.error.ErrorCodes;

/**
 * What an adapter is: one request to the service and its answer, nothing more (no retries, no rate limit, no
 * observation: the client's call pipeline does those). {@code gme-recording-adapter-http} and
 * {@code gme-recording-adapter-sdk} implement it; an application hands one to {@link GmeRecording.Builder#transport}
 * and uses the {@link RecordingQuery} and {@link RecordingControl} the client gives back, so the types say which is
 * the application's contract and which the adapters'.
 *
 * <p>Implementations are thread-safe. Every failure is a {@link io.gmerecording.core.error.RecordingQueryException}
 * subtype. Arguments are checked by the client before they reach a transport. The lifecycle actions have defaults
 * that refuse them ({@code UnsupportedOperation}), for transports that only describe.
 */
public interface Transport extends AutoCloseable {

    /** The name observations and logs give this transport ("http", "sdk"), set by the adapter when it is built. */
    default String name() {
        return "custom";
    }

    /** Sends one {@code DescribeRecordInfo} request. */
    RecordingTask describe(TaskRef task);

    /** Sends one {@code StartRecord} request: the task it started. */
    default StartedRecording startRecord(RoomRef room, RecordMode mode, Subscription subscription) {
        throw unsupported(Action.START_RECORD);
    }

    /** Sends one {@code StopRecord} request: its RequestId. */
    default String stopRecord(TaskRef task) {
        throw unsupported(Action.STOP_RECORD);
    }

    /** Sends one {@code ModifyRecordInfo} request: its RequestId. */
    default String modifyRecordInfo(TaskRef task, RecordMode mode, Subscription subscription) {
        throw unsupported(Action.MODIFY_RECORD_INFO);
    }

    /**
     * Sends one {@code DescribeTaskInfo} request: the room's running task.
     *
     * @throws io.gmerecording.core.error.RoomNotFoundException when the room has none (the service's error, or an
     *     answer that names no task)
     */
    default RoomTask describeTaskInfo(RoomRef room) {
        throw unsupported(Action.DESCRIBE_TASK_INFO);
    }

    /** Releases what the transport holds (threads, connections). Idempotent; the default holds nothing. */
    @Override
    default void close() {
    }

    private static RuntimeException unsupported(Action action) {
        return ErrorCodes.exception("UnsupportedOperation", "this transport does not send " + action.apiName(), null);
    }
}
