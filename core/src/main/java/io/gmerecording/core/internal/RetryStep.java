package io.gmerecording.core.internal;

import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.core.policy.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Tries the rest of the chain again as {@link RetryPolicy} says, numbering each attempt in the call it hands down. */
public final class RetryStep implements CallStep {

    private final RetryPolicy policy;
    private final RecordingObserver observer;
    private final TimeSource time;

    public RetryStep(RetryPolicy policy, RecordingObserver observer, TimeSource time) {
        this.policy = Objects.requireNonNull(policy, "policy must not be null");
        this.observer = Objects.requireNonNull(observer, "observer must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
    }

    @Override
    public <T> T handle(Call<T> call, Chain next) {
        long start = time.nanoTime();
        List<RecordingQueryException> earlier = new ArrayList<>();
        for (int attempt = call.attempt(); ; attempt++) {
            try {
                return next.proceed(call.attempt(attempt));
            } catch (RecordingQueryException e) {
                Duration pause = policy.backoff(attempt);
                boolean giveUp = !call.mayRetryAfter(e) || attempt >= policy.maxAttempts() || Policies.plus(
                        time.nanoTime() - start, Policies.nanos(pause)) > Policies.nanos(policy.deadline());
                if (giveUp) {
                    for (RecordingQueryException previous : earlier) {
                        if (previous != e) {
                            e.addSuppressed(previous);
                        }
                    }
                    throw e;
                }
                earlier.add(e);
                int following = attempt + 1;
                RecordingObserver.Request retry = call.request().attempt(following);
                ObserverGroup.safely(observer, o -> o.retryScheduled(retry, pause, e));
                try {
                    time.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    RecordingQueryException stop = ErrorCodes.interrupted("interrupted while backing off", interrupted);
                    stop.addSuppressed(e);
                    throw stop;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "retry " + policy;
    }
}
