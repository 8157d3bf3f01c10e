package io.gmerecording.core.policy;

import io.gmerecording.core.Action;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.internal.ObserverGroup;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the client's call pipeline tells an application about the requests it makes: each attempt (adapter, action,
 * task or room, attempt number, outcome, latency), each retry it schedules, each wait for a permit. (What the tracker sees of its
 * tasks goes to a {@link TrackerListener}.) Events carry task ids, error codes and answers, never a SecretKey, token
 * or signature. Called on the caller's thread, in line: keep it quick. Every method has an empty default;
 * {@link #NONE} observes nothing.
 *
 * <p>Given to {@link io.gmerecording.core.GmeRecording.Builder#observer}; the {@code gme-recording-micrometer} module
 * turns it into Micrometer observations and meters.
 */
public interface RecordingObserver {

    /** Observes nothing. */
    RecordingObserver NONE = new RecordingObserver() { };

    /**
     * A request is about to go out; the returned {@link Attempt} hears how it ended.
     *
     * @param request the action, what it is about, the transport's name and the attempt number
     */
    default Attempt attemptStarted(Request request) {
        return Attempt.IGNORED;
    }

    /** A failed attempt will be retried after {@code backoff}, as {@code next}. */
    default void retryScheduled(Request next, Duration backoff, RecordingQueryException cause) {
    }

    /**
     * A caller waited {@code waited} for a permit; {@code refusal} is null when it got one, else the
     * {@link io.gmerecording.core.error.ClientLimitException} it was refused with.
     */
    default void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
    }

    /** How one attempt ended; exactly one of the methods is called once. */
    interface Attempt {

        /** Ignores how the attempt ended. */
        Attempt IGNORED = new Attempt() { };

        /**
         * @param requestId the answer's RequestId, empty when the service gave none
         * @param answer the domain value the call returns ({@link RecordingTask}, {@link io.gmerecording.core.RoomTask},
         *     {@link io.gmerecording.core.StartedRecording}), or null for an action that answers nothing but its
         *     RequestId (StopRecord, ModifyRecordInfo)
         */
        default void succeeded(String requestId, Object answer, Duration latency) {
        }

        default void failed(RecordingQueryException error, Duration latency) {
        }
    }

    /** One request as the observer sees it: never a key, a token or a signature. */
    final class Request {
        private final String adapter;
        private final Action action;
        private final long bizId;
        private final TaskRef task;
        private final RoomRef room;
        private final int attempt;

        private Request(String adapter, Action action, long bizId, TaskRef task, RoomRef room, int attempt) {
            this.adapter = Objects.requireNonNull(adapter, "adapter must not be null");
            this.action = Objects.requireNonNull(action, "action must not be null");
            this.bizId = bizId;
            this.task = task;
            this.room = room;
            this.attempt = attempt;
        }

        /** A request about a task (DescribeRecordInfo, StopRecord, ModifyRecordInfo). */
        public static Request about(String adapter, Action action, TaskRef task, int attempt) {
            return new Request(adapter, action, task.bizId(), task, null, attempt);
        }

        /** A request about a room (StartRecord, DescribeTaskInfo). */
        public static Request about(String adapter, Action action, RoomRef room, int attempt) {
            return new Request(adapter, action, room.bizId(), null, room, attempt);
        }

        /** The transport's name: "http", "sdk", ... */
        public String adapter() {
            return adapter;
        }

        public Action action() {
            return action;
        }

        /** The application (BizId) the request is for. */
        public long bizId() {
            return bizId;
        }

        /** The task, for an action about one. */
        public Optional<TaskRef> task() {
            return Optional.ofNullable(task);
        }

        /** The room, for an action about one. */
        public Optional<RoomRef> room() {
            return Optional.ofNullable(room);
        }

        /** 1 for the first, 2 for the first retry, ... */
        public int attempt() {
            return attempt;
        }

        /** The same request as attempt {@code number}. */
        public Request attempt(int number) {
            return new Request(adapter, action, bizId, task, room, number);
        }

        @Override
        public String toString() {
            return action.apiName() + " " + (task != null ? task : room) + " via " + adapter + ", attempt " + attempt;
        }
    }

    /** Tells every one of {@code observers}, in order; one that throws does not keep the others from hearing. */
    static RecordingObserver all(RecordingObserver... observers) {
        List<RecordingObserver> list = Arrays.asList(observers.clone());
        list.forEach(observer -> Objects.requireNonNull(observer, "observers must not contain null"));
        return new ObserverGroup(list);
    }
}
