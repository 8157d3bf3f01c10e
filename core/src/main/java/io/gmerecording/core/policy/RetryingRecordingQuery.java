package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Retries what a retry can fix: only exceptions whose {@link RecordingQueryException#isRetryable()} is true
 * (throttling, service failures, transport I/O, timeouts, 5xx); never authentication, validation or not-found
 * errors. Backoff is exponential with full jitter: before attempt n+1 it sleeps a uniform random time in
 * [0, min(maxDelay, baseDelay * 2^(n-1))]. It stops at maxAttempts or when the next sleep would pass the overall
 * deadline, and then throws the last failure with the earlier ones attached as suppressed.
 */
public final class RetryingRecordingQuery implements RecordingQuery {

    private final RecordingQuery delegate;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration deadline;
    private final TimeSource time;
    private final DoubleSupplier random;
    private final RecordingObserver observer;

    private RetryingRecordingQuery(Builder builder) {
        this.delegate = builder.delegate;
        this.maxAttempts = builder.maxAttempts;
        this.baseDelay = builder.baseDelay;
        this.maxDelay = builder.maxDelay;
        this.deadline = builder.deadline;
        this.time = builder.time;
        this.random = builder.random;
        this.observer = builder.observer;
    }

    public static Builder over(RecordingQuery delegate) {
        return new Builder(delegate);
    }

    @Override
    public RecordingTask describe(TaskRef task) {
        long start = time.nanoTime();
        List<RecordingQueryException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return ObservedRecordingQuery.asAttempt(attempt, () -> delegate.describe(task));
            } catch (RecordingQueryException e) {
                Duration pause = backoff(attempt);
                boolean giveUp = !e.isRetryable() || attempt >= maxAttempts
                        || Policies.plus(time.nanoTime() - start, Policies.nanos(pause)) > Policies.nanos(deadline);
                if (giveUp) {
                    for (RecordingQueryException previous : earlier) {
                        if (previous != e) {
                            e.addSuppressed(previous);
                        }
                    }
                    throw e;
                }
                earlier.add(e);
                int next = attempt + 1;
                ObserverGroup.safely(observer, o -> o.retryScheduled(task, next, pause, e));
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

    /** Full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        double cap = Math.min(Policies.nanos(maxDelay), Policies.nanos(baseDelay) * Math.pow(2, attempt - 1));
        return Duration.ofNanos((long) (cap * random.getAsDouble()));
    }

    /** Closes the query this one wraps. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "RetryingRecordingQuery[maxAttempts=" + maxAttempts + ", " + delegate + "]";
    }

    /** Defaults: 3 attempts, base delay 100 ms, max delay 5 s, deadline 30 s, system time, a seeded-per-JVM random. */
    public static final class Builder {
        private final RecordingQuery delegate;
        private int maxAttempts = 3;
        private Duration baseDelay = Duration.ofMillis(100);
        private Duration maxDelay = Duration.ofSeconds(5);
        private Duration deadline = Duration.ofSeconds(30);
        private TimeSource time = TimeSource.system();
        private DoubleSupplier random = new Random()::nextDouble;
        private RecordingObserver observer = RecordingObserver.NONE;

        private Builder(RecordingQuery delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        }

        /** Attempts in all, the first included; 1 means no retry. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Policies.atLeastOne(attempts, "maxAttempts");
            return this;
        }

        public Builder baseDelay(Duration delay) {
            this.baseDelay = Policies.positive(delay, "baseDelay");
            return this;
        }

        public Builder maxDelay(Duration delay) {
            this.maxDelay = Policies.positive(delay, "maxDelay");
            return this;
        }

        /** No retry starts whose backoff would end later than this after the first attempt began. */
        public Builder deadline(Duration deadline) {
            this.deadline = Policies.positive(deadline, "deadline");
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        /** Uniform values in [0, 1) for the jitter. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random must not be null");
            return this;
        }

        /** Hears of every retry scheduled; attempts are numbered for an {@link ObservedRecordingQuery} inside. */
        public Builder observer(RecordingObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer must not be null");
            return this;
        }

        public RetryingRecordingQuery build() {
            return new RetryingRecordingQuery(this);
        }
    }
}
