package io.gmerecording.testing;

import io.gmerecording.core.policy.TimeSource;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;

/**
 * {@link JumpingTime} that stops at scheduled moments: a sleep past the next one jumps only to it and runs its action
 * (a stop, a callback delivered), then returns, so the sleeper looks at its queue again at that time. For a tracker
 * with one worker on simulated time whose world changes on a schedule. Shared through core's test-jar.
 */
public final class MomentTime implements TimeSource {

    private final JumpingTime clock;
    private final PriorityQueue<Moment> moments = new PriorityQueue<>();
    private long order;

    public MomentTime(JumpingTime clock) {
        this.clock = clock;
    }

    /** Runs {@code action} when time reaches {@code nanos} (on the {@link #nanoTime()} scale). */
    public synchronized void at(long nanos, Runnable action) {
        moments.add(new Moment(nanos, order++, action));
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        Runnable due = null;
        synchronized (this) {
            Moment next = moments.peek();
            if (next != null && next.nanos - deadlineNanos <= 0) {
                moments.poll();
                clock.sleepUntil(next.nanos);
                due = next.action;
            } else {
                clock.sleepUntil(deadlineNanos);
            }
        }
        if (due != null) {
            due.run();
        }
    }

    @Override
    public void awaitUntil(Condition condition, long deadlineNanos) throws InterruptedException {
        clock.awaitUntil(condition, deadlineNanos);
    }

    private static final class Moment implements Comparable<Moment> {
        final long nanos;
        final long order;
        final Runnable action;

        Moment(long nanos, long order, Runnable action) {
            this.nanos = nanos;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Moment other) {
            int byTime = Long.compare(nanos - other.nanos, 0);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
