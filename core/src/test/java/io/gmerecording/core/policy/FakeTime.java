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

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        if (!duration.isNegative()) {
            now += duration.toNanos();
        }
    }

    synchronized void advance(Duration by) {
        now += by.toNanos();
    }
}
