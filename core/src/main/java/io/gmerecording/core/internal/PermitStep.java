package io.gmerecording.core.internal;

import io.gmerecording.core.Action;
import io.gmerecording.core.error.ClientLimitException;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.TimeSource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Takes a permit from the call's action's own {@link PermitSource} before the rest of the chain and gives it back
 * after; tells the observer how long the wait took and which were refused.
 */
public final class PermitStep implements CallStep {

    private final Map<Action, PermitSource> permits;
    private final RecordingObserver observer;
    private final TimeSource time;

    public PermitStep(Map<Action, PermitSource> permits, RecordingObserver observer, TimeSource time) {
        this.permits = new EnumMap<>(Action.class);
        this.permits.putAll(permits);
        for (Action action : Action.values()) {
            Objects.requireNonNull(this.permits.get(action), "no permit source for " + action);
        }
        this.observer = Objects.requireNonNull(observer, "observer must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
    }

    @Override
    public <T> T handle(Call<T> call, Chain next) {
        PermitSource.Permit permit = acquire(permits.get(call.action()));
        try {
            return next.proceed(call);
        } finally {
            permit.release();
        }
    }

    private PermitSource.Permit acquire(PermitSource source) {
        long started = time.nanoTime();
        PermitSource.Permit permit;
        try {
            permit = source.acquire();
        } catch (ClientLimitException refused) {
            Duration waited = Duration.ofNanos(time.nanoTime() - started);
            ObserverGroup.safely(observer, o -> o.rateLimitWaited(waited, refused));
            throw refused;
        }
        Duration waited = Duration.ofNanos(time.nanoTime() - started);
        ObserverGroup.safely(observer, o -> o.rateLimitWaited(waited, null));
        return permit;
    }

    @Override
    public String toString() {
        return "permits " + permits;
    }
}
