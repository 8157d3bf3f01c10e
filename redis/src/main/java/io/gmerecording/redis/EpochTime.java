package io.gmerecording.redis;

import io.gmerecording.core.policy.TimeSource;
import java.time.Instant;

/**
 * Wall-clock time in nanoseconds since the epoch: a bucket shared by many processes stores times that each of them
 * reads with its own clock, so they must all count from the same origin, which {@link System#nanoTime()} does not.
 */
enum EpochTime implements TimeSource {
    INSTANCE;

    @Override
    public long nanoTime() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - nanoTime();
        while (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
            remaining = deadlineNanos - nanoTime();
        }
    }
}
