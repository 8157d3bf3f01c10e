package io.gmerecording.testing;

import io.gmerecording.core.policy.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * Simulated time for code that only ever waits for time to pass: every sleep and every wait jumps straight to its
 * deadline, so a simulated hour takes a moment. Meant for one waiting thread (a tracker with one worker): a second
 * thread that waits while the first works would move time on under it. Counts from the epoch (a bucket shared through Redis stores wall-clock
 * times), is also a {@link java.time.Clock} (for the emulator and request signing), and notes when requests went out so a test
 * can check a rate. Shared through core's test-jar.
 */
public final class JumpingTime extends UtcClock implements TimeSource {

    private long now = Instant.parse("2026-11-25T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private final List<Long> requests = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) {
        now = Math.max(now, deadlineNanos);
    }

    /** Lets go of the caller's lock for a moment, so others may take it, then jumps to the deadline. */
    @Override
    public void awaitUntil(Condition condition, long deadlineNanos) throws InterruptedException {
        condition.awaitNanos(0);
        sleepUntil(deadlineNanos);
    }

    public synchronized void advanceMillis(long millis) {
        now += millis * 1_000_000L;
    }

    public synchronized long seconds() {
        return now / 1_000_000_000L;
    }

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochSecond(0, now);
    }



    /** Notes that a request went out now. */
    public synchronized void requestSent() {
        requests.add(now);
    }

    public synchronized void forgetRequests() {
        requests.clear();
    }

    public synchronized int requestCount() {
        return requests.size();
    }

    /** The most requests noted within any one-second window. */
    public synchronized int mostRequestsInAnySecond() {
        return mostInAnySecond(requests);
    }

    /** The most of these nanosecond times (in any order) within any one-second window. */
    public static int mostInAnySecond(List<Long> nanoTimes) {
        List<Long> times = new ArrayList<>(nanoTimes);
        times.sort(Long::compare);
        int most = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= 1_000_000_000L) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
