package io.gmerecording.core.policy;

import java.time.Duration;

/** Monotonic time and sleeping, injectable so tests of the policies never sleep for real. */
public interface TimeSource {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Sleeps until {@link #nanoTime()} reaches {@code deadlineNanos}; returns at once if it already has. */
    void sleepUntil(long deadlineNanos) throws InterruptedException;

    /** Sleeps for {@code duration}; returns at once for zero or negative durations. */
    default void sleep(Duration duration) throws InterruptedException {
        sleepUntil(nanoTime() + duration.toNanos());
    }

    /** The system's monotonic clock and {@link Thread#sleep}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
