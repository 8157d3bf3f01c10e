package io.gmerecording.cli;

import io.gmerecording.core.policy.TimeSource;
import io.gmerecording.testing.UtcClock;
import java.time.Duration;
import java.time.Instant;

/** Time that moves only when someone sleeps, seen both as a TimeSource (the CLI) and a Clock (the emulator). */
final class FakeTime extends UtcClock implements TimeSource {

    private final Instant base = Instant.now();
    private long nanos;
    private long frozenAt = Long.MAX_VALUE;
    private Runnable onFrozen;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) throws InterruptedException {
        if (deadlineNanos - frozenAt > 0) {
            nanos = Math.max(nanos, frozenAt);
            Runnable action = onFrozen;
            onFrozen = null;
            if (action != null) {
                action.run();
            }
            while (true) {
                wait(); // until the sleeper is interrupted
            }
        }
        nanos = Math.max(nanos, deadlineNanos);
    }

    /**
     * From {@code at} on, time stands still: the first sleep that would pass it runs {@code action}, and every such
     * sleeper waits until it is interrupted (as a tracker's workers are when it closes).
     */
    synchronized void freezeAt(Duration at, Runnable action) {
        frozenAt = at.toNanos();
        onFrozen = action;
    }

    @Override
    public synchronized Instant instant() {
        return base.plusNanos(nanos);
    }


}
