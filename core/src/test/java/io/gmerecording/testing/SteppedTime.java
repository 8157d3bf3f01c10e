package io.gmerecording.testing;

import io.gmerecording.core.policy.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * Simulated time that moves only when the test says ({@link #advance}): a sleeper waits until then, so several
 * threads (a tracker's workers and its store loop, two trackers) see one time and none runs ahead of another. Counts
 * from the epoch and is also a {@link java.time.Clock}, for what stores wall-clock times. Shared through core's test-jar.
 */
public final class SteppedTime extends UtcClock implements TimeSource {

    private long now = Instant.parse("2026-12-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) throws InterruptedException {
        while (now - deadlineNanos < 0) {
            wait();
        }
    }

    /** Gives other threads a moment to signal; returns either way (callers look again), time unmoved. */
    @Override
    public void awaitUntil(Condition condition, long deadlineNanos) throws InterruptedException {
        condition.await(5, TimeUnit.MILLISECONDS);
    }

    public synchronized void advance(Duration by) {
        now += by.toNanos();
        notifyAll();
    }

    /**
     * Moves time on by {@code step} at a time, giving the other threads a few real milliseconds after each step to act
     * on it, until {@code done} holds or {@code most} has passed; whether it holds in the end.
     */
    public boolean advanceUntil(java.util.function.BooleanSupplier done, Duration step, Duration most)
            throws InterruptedException {
        for (long moved = 0; moved <= most.toNanos(); moved += step.toNanos()) {
            if (done.getAsBoolean()) {
                return true;
            }
            advance(step);
            TimeUnit.MILLISECONDS.sleep(3); // real time for the other threads to act on the new time, not a wait for it
        }
        return done.getAsBoolean();
    }

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochSecond(0, now);
    }



    @Override
    public String toString() {
        return "SteppedTime[" + instant() + "]";
    }
}
