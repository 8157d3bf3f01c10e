package io.gmerecording.core.policy;

import io.gmerecording.core.internal.Policies;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * When the client tries a call again: only after an exception whose
 * {@link io.gmerecording.core.error.RecordingQueryException#isRetryable()} is true (throttling, service failures,
 * transport I/O, timeouts, 5xx), never after authentication, validation or not-found errors. Backoff is exponential
 * with full jitter: before attempt n+1 a uniform random pause in [0, min(maxDelay, baseDelay * 2^(n-1))]. Retrying
 * stops at {@code maxAttempts} or when the next pause would end past the deadline; the last failure is thrown with the
 * earlier ones attached as suppressed.
 *
 * <p>A configuration value: immutable, shared freely, given to {@link io.gmerecording.core.GmeRecording.Builder#retry}.
 */
public final class RetryPolicy {

    /** Attempts in all unless told otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration deadline;
    private final DoubleSupplier random;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.baseDelay = builder.baseDelay;
        this.maxDelay = builder.maxDelay;
        this.deadline = builder.deadline;
        this.random = builder.random;
    }

    /** 3 attempts, base delay 100 ms, max delay 5 s, deadline 30 s. */
    public static RetryPolicy standard() {
        return builder().build();
    }

    /** One attempt: no retry. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    /** Starts from {@link #standard()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** No retry starts whose backoff would end later than this after the first attempt began. */
    public Duration deadline() {
        return deadline;
    }

    /** The pause before attempt {@code attempt + 1}: uniform in [0, min(maxDelay, baseDelay * 2^(attempt-1))]. */
    public Duration backoff(int attempt) {
        double cap = Math.min(Policies.nanos(maxDelay), Policies.nanos(baseDelay) * Math.pow(2, attempt - 1));
        return Duration.ofNanos((long) (cap * random.getAsDouble()));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
                + ", deadline=" + deadline + "]";
    }

    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration baseDelay = Duration.ofMillis(100);
        private Duration maxDelay = Duration.ofSeconds(5);
        private Duration deadline = Duration.ofSeconds(30);
        private DoubleSupplier random = new Random()::nextDouble;

        private Builder() {
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

        /** Uniform values in [0, 1) for the jitter. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random must not be null");
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
