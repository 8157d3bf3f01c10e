package io.gmerecording.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/** Time that only moves when someone sleeps or waits in vain; every sleep is recorded. */
final class FakeTime implements TimeSource {

    /** Real time a fake wait gives other threads to signal it before time jumps. */
    static final long SIGNAL_GRACE_MILLIS = 1000;

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

    /**
     * A wait that no other thread ends within a moment of real time jumps to its deadline, as a sleep does; one that
     * is signalled returns without moving time.
     */
    @Override
    public void awaitUntil(Condition condition, long deadlineNanos) throws InterruptedException {
        if (!condition.await(SIGNAL_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
            synchronized (this) {
                now = Math.max(now, deadlineNanos);
            }
        }
    }

    synchronized void advance(Duration by) {
        now += by.toNanos();
    }
}
