package io.gmerecording.core.policy;

import io.gmerecording.core.error.ClientLimitException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.internal.Policies;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client-side limit of N requests per second that holds as the server counts: by arrival.
 *
 * <p>Two rules decide when a caller may send. Pacing: slots are {@code 1 / rate} apart (a token bucket of
 * {@code burst} tokens, 1 by default, implemented as virtual scheduling: each caller reserves the next free slot).
 * Window: request i may not start until one window (1 s, plus 2 ms for the difference between our clock and the
 * server's) after request i-N <em>finished</em>, N being the requests allowed per window. The server stamps a
 * request's arrival between its start and its finish, so no server-side second can ever hold more than N of them,
 * whatever pauses (class loading, GC, a slow connection) delay requests between the limiter and the wire. Pacing
 * alone cannot promise that: delayed requests would arrive together.
 *
 * <p>Callers are served in arrival order (a ticket each). The lock is held only for bookkeeping: a caller waits for
 * its turn, or for request i-N to finish, on a condition that {@link Permit#release()} and each finished turn signal,
 * and sleeps until its slot outside the lock. {@code maxWait} bounds a caller's whole wait, queueing included: a
 * caller that would wait longer is refused with a {@link ClientLimitException} ({@code Client.RateLimitWaitExceeded})
 * as soon as that is known, and reserves nothing. An interrupted caller gets {@code Client.Interrupted} at once. Each
 * {@link #acquire()} returns a {@link Permit} that must be released when the request finishes.
 */
public final class RateLimiter implements PermitSource {

    /** The code of the error a caller gets when its wait would exceed maxWait. */
    public static final String WAIT_EXCEEDED = ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED;
    // one second, plus 2 ms because the server reads its own clock, whose rate and millisecond truncation differ
    private static final long WINDOW_NANOS = 1_002_000_000L;

    private final double permitsPerSecond;
    private final long intervalNanos;
    private final long toleranceNanos;
    private final int perWindow;
    private final long maxWaitNanos;
    private final TimeSource time;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Permit> recent = new ArrayDeque<>();
    private final Set<Long> abandoned = new HashSet<>();
    private long nextTicket;
    private long serving;
    private int waiting;
    private long theoreticalArrival;
    private boolean started;

    private RateLimiter(Builder builder) {
        this.permitsPerSecond = builder.permitsPerSecond;
        this.intervalNanos = (long) Math.ceil(1e9 / builder.permitsPerSecond);
        this.toleranceNanos = (builder.burst - 1) * intervalNanos;
        this.perWindow = (int) Math.max(1, Math.floor(builder.permitsPerSecond));
        this.maxWaitNanos = Policies.nanos(builder.maxWait);
        this.time = builder.time;
    }

    public static Builder perSecond(double permitsPerSecond) {
        return new Builder(permitsPerSecond);
    }

    /** One request's place in the limit; release it when the request has finished, successfully or not. */
    public static final class Permit implements PermitSource.Permit {
        private static final long IN_FLIGHT = Long.MAX_VALUE;

        private final RateLimiter limiter;
        private volatile long finishedAt = IN_FLIGHT;

        private Permit(RateLimiter limiter) {
            this.limiter = limiter;
        }

        /** Marks the request finished now and wakes a caller waiting for it; later calls change nothing. */
        @Override
        public void release() {
            if (finishedAt == IN_FLIGHT) {
                finishedAt = limiter.time.nanoTime();
                limiter.signal();
            }
        }
    }

    /**
     * Blocks until the caller may send one request.
     *
     * @throws ClientLimitException when the whole wait, queueing included, would exceed maxWait
     * @throws io.gmerecording.core.error.RecordingQueryException ({@code Client.Interrupted}) when interrupted
     */
    @Override
    public Permit acquire() {
        long arrived = time.nanoTime();
        long deadline = Policies.plus(arrived, maxWaitNanos);
        Permit permit = new Permit(this);
        long startAt;
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        try {
            long ticket = nextTicket++;
            try {
                while (serving != ticket) {
                    await(arrived, deadline);
                }
            } catch (RuntimeException notServed) {
                if (serving == ticket) {
                    nextTurn(); // our turn came with the interrupt: pass it on
                } else {
                    abandoned.add(ticket);
                }
                throw notServed;
            }
            try {
                startAt = reserve(permit, arrived, deadline);
            } finally {
                nextTurn();
            }
        } finally {
            lock.unlock();
        }
        try {
            time.sleepUntil(startAt);
        } catch (InterruptedException e) {
            permit.release();
            throw interrupted(e);
        }
        return permit;
    }

    /** The caller's slot, at the head of the queue: pacing and the window, waiting for request i-N if in flight. */
    private long reserve(Permit permit, long arrived, long deadline) {
        if (!started) {
            theoreticalArrival = arrived;
            started = true;
        }
        Permit oldest = recent.size() >= perWindow ? recent.peekFirst() : null;
        while (oldest != null && oldest.finishedAt == Permit.IN_FLIGHT) {
            await(arrived, deadline);
        }
        long windowFreeAt = oldest == null ? Long.MIN_VALUE : oldest.finishedAt + WINDOW_NANOS;
        long now = time.nanoTime();
        long paced = Math.max(theoreticalArrival, now) - toleranceNanos;
        long startAt = Math.max(Math.max(paced, windowFreeAt), now);
        // a caller that may go now is never refused, even with maxWait 0 and a moment spent getting here
        if (startAt - now > 0 && startAt - arrived > maxWaitNanos) {
            throw waitExceeded(startAt - arrived, "would make this request wait ");
        }
        theoreticalArrival = Math.max(Math.max(theoreticalArrival, now), windowFreeAt) + intervalNanos;
        recent.addLast(permit);
        if (recent.size() > perWindow) {
            recent.pollFirst();
        }
        return startAt;
    }

    /** Waits, holding the lock, for a signal or the caller's deadline; past the deadline the caller is refused. */
    private void await(long arrived, long deadline) {
        long now = time.nanoTime();
        if (now - deadline >= 0) {
            throw waitExceeded(now - arrived, "made this request wait ");
        }
        waiting++;
        try {
            time.awaitUntil(changed, deadline);
        } catch (InterruptedException e) {
            throw interrupted(e);
        } finally {
            waiting--;
        }
    }

    /** The next ticket's turn, skipping callers that gave up while queued. */
    private void nextTurn() {
        serving++;
        while (abandoned.remove(serving)) {
            serving++;
        }
        changed.signalAll();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Callers waiting for their turn or for a window to free up (for tests). */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    private ClientLimitException waitExceeded(long waitNanos, String what) {
        return (ClientLimitException) ErrorCodes.exception(WAIT_EXCEEDED, "the client-side rate limit of "
                + permitsPerSecond + " requests per second " + what + waitNanos / 1_000_000
                + " ms, more than maxWait " + maxWaitNanos / 1_000_000 + " ms", null);
    }

    private static RuntimeException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return ErrorCodes.interrupted("interrupted while waiting for the rate limiter", e);
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
