package io.gmerecording.core;

import java.util.Optional;

/**
 * The recording lifecycle of a room, beside {@link RecordingQuery}: start recording it, change what it records, stop
 * it, and find its running task (after a restart, say). {@link GmeRecording#control()} gives one whose calls pass the
 * client's pipeline, with the retries each action can bear:
 * <ul>
 *   <li>a start that failed in a way that may have started the task (a timeout, for instance), or that found the
 *       room recorded already ({@code ResourceInUse.TaskInUse}), asks for the room's running task and returns it as
 *       {@link StartedRecording#alreadyRunning()}: a retried start never gives two tasks or a false error;</li>
 *   <li>a stop whose retry finds the task gone ({@code ResourceNotFound.TaskNotFound} after an earlier attempt of
 *       the same call) has stopped it: success;</li>
 *   <li>a modify is retried only after a failure that shows it was not applied (throttling);</li>
 *   <li>the task of a room is retried as a describe is.</li>
 * </ul>
 *
 * <p>Thread-safe. Bad arguments are an {@link IllegalArgumentException} naming the value, before anything is sent;
 * every other failure is a {@link io.gmerecording.core.error.RecordingQueryException} subtype.
 */
public interface RecordingControl {

    /**
     * Starts recording {@code room} (someone must be in it) in {@code mode}, of the users {@code subscription} says.
     *
     * @throws IllegalArgumentException when {@code mode} is {@link RecordMode#UNRECOGNIZED}
     * @throws io.gmerecording.core.error.RoomNotFoundException when no one is in the room
     */
    StartedRecording start(RoomRef room, RecordMode mode, Subscription subscription);

    /** Stops the task; its last files then move through the statuses to NOTIFIED. */
    void stop(TaskRef task);

    /**
     * Changes how the task records and whose streams ({@code RecordMode} is sent every time, as the service needs).
     *
     * @throws IllegalArgumentException when {@code mode} is {@link RecordMode#UNRECOGNIZED}
     */
    void modify(TaskRef task, RecordMode mode, Subscription subscription);

    /** The room's running task; empty when it has none (or no one is in it). */
    Optional<RoomTask> taskOf(RoomRef room);
}
