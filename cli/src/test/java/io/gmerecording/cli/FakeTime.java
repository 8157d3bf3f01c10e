package io.gmerecording.cli;

import io.gmerecording.core.policy.TimeSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Time that moves only when someone sleeps, seen both as a TimeSource (the CLI) and a Clock (the emulator). */
final class FakeTime extends Clock implements TimeSource {

    private final Instant base = Instant.now();
    private long nanos;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) {
        nanos = Math.max(nanos, deadlineNanos);
    }

    @Override
    public synchronized Instant instant() {
        return base.plusNanos(nanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
