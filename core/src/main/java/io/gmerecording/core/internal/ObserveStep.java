package io.gmerecording.core.internal;

import io.gmerecording.core.RecordingTask;
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
        ObserverGroup.safely(observer, o -> starting[0] = o.attemptStarted(call.adapter(), call.task(), call.attempt()));
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
        RecordingTask task = answer instanceof RecordingTask ? (RecordingTask) answer : null;
        ObserverGroup.safely(observed, o -> o.succeeded(task, latency));
        return answer;
    }

    @Override
    public String toString() {
        return "observe " + observer;
    }
}
