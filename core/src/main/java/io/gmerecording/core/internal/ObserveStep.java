package io.gmerecording.core.internal;

import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.TimeSource;
import java.time.Duration;
import java.util.Objects;

/**
 * Tells the observer of each call that passes, with the attempt number its context carries; placed next to the
 * transport, the latency is the request's alone.
 */
public final class ObserveStep implements CallStep {

    private final RecordingObserver observer;
    private final TimeSource time;

    public ObserveStep(RecordingObserver observer, TimeSource time) {
        this.observer = Objects.requireNonNull(observer, "observer must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
    }

    @Override
    public <T> T handle(Call<T> call, Chain next) {
        RecordingObserver.Attempt[] starting = {RecordingObserver.Attempt.IGNORED};
        ObserverGroup.safely(observer, o -> starting[0] = o.attemptStarted(call.request()));
        RecordingObserver.Attempt observed = starting[0];
        long started = time.nanoTime();
        T answer;
        try {
            answer = next.proceed(call);
        } catch (RecordingQueryException e) {
            Duration latency = Duration.ofNanos(time.nanoTime() - started);
            ObserverGroup.safely(observed, o -> o.failed(e, latency));
            throw e;
        }
        Duration latency = Duration.ofNanos(time.nanoTime() - started);
        ObserverGroup.safely(observed, o -> o.succeeded(requestIdOf(answer), answer, latency));
        return answer;
    }

    /** The RequestId the answer carries: a domain value's, or the answer itself for the actions that answer it alone. */
    private static String requestIdOf(Object answer) {
        if (answer instanceof RecordingTask) {
            return ((RecordingTask) answer).requestId();
        }
        if (answer instanceof StartedRecording) {
            return ((StartedRecording) answer).requestId();
        }
        if (answer instanceof RoomTask) {
            return ((RoomTask) answer).requestId();
        }
        return answer instanceof String ? (String) answer : "";
    }

    @Override
    public String toString() {
        return "observe " + observer;
    }
}
