package io.gmerecording.core.policy;

import java.time.Duration;

/** Monotonic time and sleeping, injectable so tests of the policies never sleep for real. */
public interface TimeSource {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Sleeps for {@code duration}; returns at once for zero or negative durations. */
    void sleep(Duration duration) throws InterruptedException;

    /** The system's monotonic clock and {@link Thread#sleep}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
