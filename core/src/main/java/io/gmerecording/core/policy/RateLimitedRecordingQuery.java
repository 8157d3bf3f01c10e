package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import java.util.Objects;

/** Takes a permit from a shared {@link PermitSource} before each request and releases it when the request ends. */
public final class RateLimitedRecordingQuery implements RecordingQuery {

    private final RecordingQuery delegate;
    private final PermitSource limiter;

    private RateLimitedRecordingQuery(RecordingQuery delegate, PermitSource limiter) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.limiter = Objects.requireNonNull(limiter, "limiter must not be null");
    }

    public static RateLimitedRecordingQuery over(RecordingQuery delegate, PermitSource limiter) {
        return new RateLimitedRecordingQuery(delegate, limiter);
    }

    @Override
    public RecordingTask describe(TaskRef task) {
        Objects.requireNonNull(task, "task must not be null");
        PermitSource.Permit permit = limiter.acquire();
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
