package io.gmerecording.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Time that only moves when someone sleeps; every sleep is recorded. */
final class FakeTime implements TimeSource {

    private long now = 1_000_000_000L;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** Records how long the caller asked to sleep and moves time to its deadline (never backwards). */
    @Override
    public synchronized void sleepUntil(long deadlineNanos) {
        sleeps.add(Duration.ofNanos(Math.max(0, deadlineNanos - now)));
        now = Math.max(now, deadlineNanos);
    }

    synchronized void advance(Duration by) {
        now += by.toNanos();
    }
}
