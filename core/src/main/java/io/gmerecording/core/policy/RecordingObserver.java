package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.internal.ObserverGroup;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the client's call pipeline tells an application about the requests it makes: each attempt (adapter, task,
 * attempt number, outcome, latency), each retry it schedules, each wait for a permit. (What the tracker sees of its
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
