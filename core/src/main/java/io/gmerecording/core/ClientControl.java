package io.gmerecording.core;

import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.RoomNotFoundException;
import io.gmerecording.core.error.TaskInUseException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.error.ThrottledException;
import io.gmerecording.core.internal.Call;
import io.gmerecording.core.internal.CallPipeline;
import java.util.Optional;

/** {@link GmeRecording#control()}: the lifecycle calls through the client's pipeline, with their retry rules. */
final class ClientControl implements RecordingControl {

    private final CallPipeline pipeline;
    private final Runnable openCheck;

    ClientControl(CallPipeline pipeline, Runnable openCheck) {
        this.pipeline = pipeline;
        this.openCheck = openCheck;
    }

    @Override
    public StartedRecording start(RoomRef room, RecordMode mode, Subscription subscription) {
        Checks.notNull(room, "room");
        checkMode(mode);
        Checks.notNull(subscription, "subscription");
        openCheck.run();
        try {
            return pipeline.execute(Call.start(room, mode, subscription, pipeline.adapter()));
        } catch (TaskInUseException recordedAlready) {
            return running(room, recordedAlready);
        } catch (RecordingQueryException failed) {
            if (!failed.isRetryable()) {
                throw failed;
            }
            // a timeout or a server failure may have started the task all the same
            return running(room, failed);
        }
    }

    /** The room's running task as the answer to a start that could not tell; the start's failure when it has none. */
    private StartedRecording running(RoomRef room, RecordingQueryException startFailure) {
        RoomTask task;
        try {
            task = pipeline.execute(Call.taskOf(room, pipeline.adapter()));
        } catch (RoomNotFoundException none) {
            startFailure.addSuppressed(none);
            throw startFailure;
        } catch (RecordingQueryException lookupFailure) {
            lookupFailure.addSuppressed(startFailure);
            throw lookupFailure;
        }
        return StartedRecording.alreadyRunning(task.task(), task.requestId());
    }

    @Override
    public void stop(TaskRef task) {
        Checks.notNull(task, "task");
        openCheck.run();
        try {
            pipeline.execute(Call.stop(task, pipeline.adapter()));
        } catch (TaskNotFoundException gone) {
            // the retry step attaches the earlier attempts' failures: one of them may have stopped the task
            if (gone.getSuppressed().length == 0) {
                throw gone;
            }
        }
    }

    @Override
    public void modify(TaskRef task, RecordMode mode, Subscription subscription) {
        Checks.notNull(task, "task");
        checkMode(mode);
        Checks.notNull(subscription, "subscription");
        openCheck.run();
        pipeline.execute(Call.modify(task, mode, subscription, pipeline.adapter())
                .retryingOnly(failure -> failure instanceof ThrottledException));
    }

    @Override
    public Optional<RoomTask> taskOf(RoomRef room) {
        Checks.notNull(room, "room");
        openCheck.run();
        try {
            return Optional.of(pipeline.execute(Call.taskOf(room, pipeline.adapter())));
        } catch (RoomNotFoundException none) {
            return Optional.empty();
        }
    }

    private static void checkMode(RecordMode mode) {
        Checks.notNull(mode, "mode");
        if (mode == RecordMode.UNRECOGNIZED) {
            throw new IllegalArgumentException("mode must be SINGLE_STREAM, MIXED_STREAM or SINGLE_AND_MIXED, got "
                    + mode);
        }
    }

    @Override
    public String toString() {
        return "RecordingControl over " + pipeline;
    }
}
