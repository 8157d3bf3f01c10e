package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the policies tell an application about the requests they make: each attempt (adapter, task, attempt number,
 * outcome, latency), each retry they schedule, each wait for a permit, each change the tracker sees. Events carry
 * task ids, error codes and answers, never a SecretKey, token or signature. Called on the caller's thread, in line:
 * keep it quick. Every method has an empty default; {@link #NONE} observes nothing.
 *
 * <p>Given to {@link RecordingQueries.Builder#observer} and {@link RecordingTracker.Builder#observer}; the
 * {@code gme-recording-micrometer} module turns it into Micrometer observations and meters.
 */
public interface RecordingObserver {

    /** Observes nothing. */
    RecordingObserver NONE = new RecordingObserver() { };

    /**
     * A request is about to go out through {@code adapter} ("http", "sdk" or the name given); the returned
     * {@link Attempt} hears how it ended.
     *
     * @param attempt 1 for the first, 2 for the first retry, ...
     */
    default Attempt attemptStarted(String adapter, TaskRef task, int attempt) {
        return Attempt.IGNORED;
    }

    /** A failed attempt will be retried after {@code backoff}. */
    default void retryScheduled(TaskRef task, int nextAttempt, Duration backoff, RecordingQueryException cause) {
    }

    /**
     * A caller waited {@code waited} for a permit; {@code refusal} is null when it got one, else the
     * {@link io.gmerecording.core.error.ClientLimitException} it was refused with.
     */
    default void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
    }

    /** The tracker saw a task's status change. */
    default void trackerChanged(TaskChange change) {
    }

    /** The tracker stopped tracking a task. */
    default void trackerEnded(TaskEnd end) {
    }

    /** How one attempt ended; exactly one of the methods is called once. */
    interface Attempt {

        /** Ignores how the attempt ended. */
        Attempt IGNORED = new Attempt() { };

        default void succeeded(RecordingTask answer, Duration latency) {
        }

        default void failed(RecordingQueryException error, Duration latency) {
        }
    }

    /** Tells every one of {@code observers}, in order; one that throws does not keep the others from hearing. */
    static RecordingObserver all(RecordingObserver... observers) {
        List<RecordingObserver> list = Arrays.asList(observers.clone());
        list.forEach(observer -> Objects.requireNonNull(observer, "observers must not contain null"));
        return new ObserverGroup(list);
    }
}
