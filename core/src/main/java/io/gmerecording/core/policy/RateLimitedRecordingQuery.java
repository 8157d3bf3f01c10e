package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ClientLimitException;
import java.time.Duration;
import java.util.Objects;

/** Takes a permit from a shared {@link PermitSource} before each request and releases it when the request ends. */
public final class RateLimitedRecordingQuery implements RecordingQuery {

    private final RecordingQuery delegate;
    private final PermitSource limiter;
    private final RecordingObserver observer;
    private final TimeSource time;

    private RateLimitedRecordingQuery(RecordingQuery delegate, PermitSource limiter, RecordingObserver observer,
            TimeSource time) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.limiter = Objects.requireNonNull(limiter, "limiter must not be null");
        this.observer = Objects.requireNonNull(observer, "observer must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
    }

    public static RateLimitedRecordingQuery over(RecordingQuery delegate, PermitSource limiter) {
        return new RateLimitedRecordingQuery(delegate, limiter, RecordingObserver.NONE, TimeSource.system());
    }

    /** Also tells {@code observer} how long each caller waited for its permit, and which were refused. */
    public static RateLimitedRecordingQuery over(RecordingQuery delegate, PermitSource limiter,
            RecordingObserver observer, TimeSource time) {
        return new RateLimitedRecordingQuery(delegate, limiter, observer, time);
    }

    /** A permit from {@code limiter}, the wait (and any refusal) told to {@code observer}. */
    static PermitSource.Permit acquire(PermitSource limiter, RecordingObserver observer, TimeSource time) {
        if (observer == RecordingObserver.NONE) {
            return limiter.acquire();
        }
        long started = time.nanoTime();
        PermitSource.Permit permit;
        try {
            permit = limiter.acquire();
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
    public RecordingTask describe(TaskRef task) {
        Objects.requireNonNull(task, "task must not be null");
        PermitSource.Permit permit = acquire(limiter, observer, time);
        try {
            return delegate.describe(task);
        } finally {
            permit.release();
        }
    }

    /** Closes the query this one wraps. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "RateLimitedRecordingQuery[" + limiter + ", " + delegate + "]";
    }
}
