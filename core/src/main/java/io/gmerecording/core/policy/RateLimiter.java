package io.gmerecording.core.policy;

import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.ThrottledException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket shared by every thread that uses it (implemented as the equivalent virtual-scheduling algorithm:
 * each caller reserves the next free slot). Callers are served in arrival order (a fair lock orders the
 * reservations) and sleep outside the lock until their slot. A caller whose slot is further away than maxWait is
 * refused at once with a {@link ThrottledException} ({@code Client.RateLimitWaitExceeded}) and reserves nothing.
 *
 * <p>Slots are spaced {@code 1 / (rate * (1 - safetyMargin))} apart. The margin (default 3%) exists because the
 * server counts arrivals, not departures: without it, network jitter of a few milliseconds can put 21 evenly paced
 * requests into one server-side second. Burst (default 1) is how many requests may go at once after an idle spell;
 * more than 1 can exceed a sliding-window limit at the server.
 */
public final class RateLimiter {

    public static final String WAIT_EXCEEDED = "Client.RateLimitWaitExceeded";

    private final double permitsPerSecond;
    private final long intervalNanos;
    private final long toleranceNanos;
    private final Duration maxWait;
    private final TimeSource time;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long theoreticalArrival;
    private boolean started;

    private RateLimiter(Builder builder) {
        this.permitsPerSecond = builder.permitsPerSecond;
        this.intervalNanos = (long) Math.ceil(1e9 / (builder.permitsPerSecond * (1 - builder.safetyMargin)));
        this.toleranceNanos = (builder.burst - 1) * intervalNanos;
        this.maxWait = builder.maxWait;
        this.time = builder.time;
    }

    public static Builder perSecond(double permitsPerSecond) {
        return new Builder(permitsPerSecond);
    }

    /**
     * Blocks until the caller may send one request.
     *
     * @throws ThrottledException when the wait would exceed maxWait
     * @throws RecordingQueryException ({@code Client.Interrupted}) when interrupted while waiting
     */
    public void acquire() {
        long allowedAt;
        lock.lock();
        try {
            long now = time.nanoTime();
            if (!started) {
                theoreticalArrival = now;
                started = true;
            }
            long arrival = Math.max(theoreticalArrival, now);
            allowedAt = arrival - toleranceNanos;
            long waitNanos = Math.max(0, allowedAt - now);
            if (waitNanos > maxWait.toNanos()) {
                throw new ThrottledException(WAIT_EXCEEDED, "the client-side rate limit of " + permitsPerSecond
                        + " requests per second would make this request wait " + waitNanos / 1_000_000
                        + " ms, more than maxWait " + maxWait.toMillis() + " ms", null, false);
            }
            theoreticalArrival = arrival + intervalNanos;
        } finally {
            lock.unlock();
        }
        try {
            time.sleepUntil(allowedAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCodes.interrupted("interrupted while waiting for the rate limiter", e);
        }
    }

    /** The spacing between slots, margin included. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permitsPerSecond + "/s, interval=" + interval().toNanos() / 1e6 + " ms]";
    }

    /** Defaults: burst 1, safety margin 3%, maxWait 60 s, system time. */
    public static final class Builder {
        private final double permitsPerSecond;
        private int burst = 1;
        private double safetyMargin = 0.03;
        private Duration maxWait = Duration.ofSeconds(60);
        private TimeSource time = TimeSource.system();

        private Builder(double permitsPerSecond) {
            if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
                throw new IllegalArgumentException("permitsPerSecond must be a positive number, got " + permitsPerSecond);
            }
            this.permitsPerSecond = permitsPerSecond;
        }

        public Builder burst(int burst) {
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, got " + burst);
            }
            this.burst = burst;
            return this;
        }

        /** Fraction in [0, 0.5) by which the pace stays below the rate. */
        public Builder safetyMargin(double margin) {
            if (!(margin >= 0 && margin < 0.5)) {
                throw new IllegalArgumentException("safetyMargin must be in [0, 0.5), got " + margin);
            }
            this.safetyMargin = margin;
            return this;
        }

        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait must not be null");
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        public RateLimiter build() {
            return new RateLimiter(this);
        }
    }
}
