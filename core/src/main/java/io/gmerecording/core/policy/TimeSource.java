package io.gmerecording.core.policy;

import io.gmerecording.core.internal.Policies;
import java.time.Duration;
import java.util.concurrent.locks.Condition;

/** Monotonic time and sleeping, injectable so tests of the policies never sleep for real. */
public interface TimeSource {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Sleeps until {@link #nanoTime()} reaches {@code deadlineNanos}; returns at once if it already has. */
    void sleepUntil(long deadlineNanos) throws InterruptedException;

    /** Sleeps for {@code duration}; returns at once for zero or negative durations; any length is safe. */
    default void sleep(Duration duration) throws InterruptedException {
        sleepUntil(Policies.plus(nanoTime(), Policies.nanos(duration)));
    }

    /**
     * Waits on {@code condition}, whose lock the caller holds, until it is signalled or {@link #nanoTime()} reaches
     * {@code deadlineNanos}; may also return early (callers re-check what they wait for).
     */
    default void awaitUntil(Condition condition, long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - nanoTime();
        if (remaining > 0) {
            condition.awaitNanos(remaining);
        }
    }

    /** The system's monotonic clock and {@link Thread#sleep}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
