package io.gmerecording.core.policy;

import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.ThrottledException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client-side limit of N requests per second that holds as the server counts: by arrival.
 *
 * <p>Two rules decide when a caller may send. Pacing: slots are {@code 1 / rate} apart (a token bucket of
 * {@code burst} tokens, 1 by default, implemented as virtual scheduling: each caller reserves the next free slot).
 * Window: request i may not start until one window (1 s, plus 2 ms for the difference between our clock and the
 * server's) after request i-N <em>finished</em>, N being the requests
 * allowed per window. The server stamps a request's arrival between its start and its finish, so no server-side
 * second can ever hold more than N of them, whatever pauses (class loading, GC, a slow connection) delay requests
 * between the limiter and the wire. Pacing alone cannot promise that: delayed requests would arrive together.
 *
 * <p>Callers are served in arrival order (a fair lock) and sleep outside the lock until their slot. A caller that
 * would wait longer than maxWait is refused at once with a {@link ThrottledException}
 * ({@code Client.RateLimitWaitExceeded}) and reserves nothing. Each {@link #acquire()} returns a {@link Permit} that
 * must be released when the request finishes.
 */
public final class RateLimiter {

    /** The code of the error a caller gets when its wait would exceed maxWait. */
    public static final String WAIT_EXCEEDED = ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED;
    // one second, plus 2 ms because the server reads its own clock, whose rate and millisecond truncation differ
    private static final long WINDOW_NANOS = 1_002_000_000L;
    private static final Duration POLL = Duration.ofMillis(5);

    private final double permitsPerSecond;
    private final long intervalNanos;
    private final long toleranceNanos;
    private final int perWindow;
    private final Duration maxWait;
    private final TimeSource time;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ArrayDeque<Permit> recent = new ArrayDeque<>();
    private long theoreticalArrival;
    private boolean started;

    private RateLimiter(Builder builder) {
        this.permitsPerSecond = builder.permitsPerSecond;
        this.intervalNanos = (long) Math.ceil(1e9 / builder.permitsPerSecond);
        this.toleranceNanos = (builder.burst - 1) * intervalNanos;
        this.perWindow = (int) Math.max(1, Math.floor(builder.permitsPerSecond));
        this.maxWait = builder.maxWait;
        this.time = builder.time;
    }

    public static Builder perSecond(double permitsPerSecond) {
        return new Builder(permitsPerSecond);
    }

    /** One request's place in the limit; release it when the request has finished, successfully or not. */
    public static final class Permit {
        private static final long IN_FLIGHT = Long.MAX_VALUE;

        private final TimeSource time;
        private volatile long finishedAt = IN_FLIGHT;

        private Permit(TimeSource time) {
            this.time = time;
        }

        /** Marks the request finished now; later calls change nothing. */
        public void release() {
            if (finishedAt == IN_FLIGHT) {
                finishedAt = time.nanoTime();
            }
        }
    }

    /**
     * Blocks until the caller may send one request.
     *
     * @throws ThrottledException when the wait would exceed maxWait
     * @throws io.gmerecording.core.error.RecordingQueryException ({@code Client.Interrupted}) when interrupted
     */
    public Permit acquire() {
        long startAt;
        Permit permit = new Permit(time);
        lock.lock();
        try {
            long arrived = time.nanoTime();
            if (!started) {
                theoreticalArrival = arrived;
                started = true;
            }
            long windowFreeAt = windowFreeAt(arrived);
            long now = time.nanoTime();
            long paced = Math.max(theoreticalArrival, now) - toleranceNanos;
            startAt = Math.max(Math.max(paced, windowFreeAt), now);
            long waitNanos = startAt - arrived;
            if (waitNanos > maxWait.toNanos()) {
                throw waitExceeded(waitNanos);
            }
            theoreticalArrival = Math.max(Math.max(theoreticalArrival, now), windowFreeAt) + intervalNanos;
            recent.addLast(permit);
            if (recent.size() > perWindow) {
                recent.pollFirst();
            }
        } finally {
            lock.unlock();
        }
        sleepUntil(startAt);
        return permit;
    }

    /**
     * When the window lets one more request start: one window after the request N places back finished. While that
     * request is still in flight its finish is unknown, so the caller at the head of the queue polls for it; the
     * callers behind it queue on the lock, keeping their order.
     */
    private long windowFreeAt(long arrived) {
        if (recent.size() < perWindow) {
            return Long.MIN_VALUE;
        }
        Permit oldest = recent.peekFirst();
        while (oldest.finishedAt == Permit.IN_FLIGHT) {
            long waited = time.nanoTime() - arrived;
            if (waited > maxWait.toNanos()) {
                throw waitExceeded(waited);
            }
            sleepUntil(time.nanoTime() + POLL.toNanos());
        }
        return oldest.finishedAt + WINDOW_NANOS;
    }

    private ThrottledException waitExceeded(long waitNanos) {
        return (ThrottledException) ErrorCodes.exception(WAIT_EXCEEDED, "the client-side rate limit of "
                + permitsPerSecond + " requests per second would make this request wait " + waitNanos / 1_000_000
                + " ms, more than maxWait " + maxWait.toMillis() + " ms", null);
    }

    private void sleepUntil(long deadline) {
        try {
            time.sleepUntil(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCodes.interrupted("interrupted while waiting for the rate limiter", e);
        }
    }

    /** The pacing between slots. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permitsPerSecond + "/s, " + perWindow + " per window]";
    }

    /** Defaults: burst 1, maxWait 60 s, system time. */
    public static final class Builder {
        private final double permitsPerSecond;
        private int burst = 1;
        private Duration maxWait = Duration.ofSeconds(60);
        private TimeSource time = TimeSource.system();

        private Builder(double permitsPerSecond) {
            this.permitsPerSecond = Policies.positiveRate(permitsPerSecond, "permitsPerSecond");
        }

        /** Requests that may go at once after an idle spell; the window rule still caps any second at the rate. */
        public Builder burst(int burst) {
            this.burst = Policies.atLeastOne(burst, "burst");
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
