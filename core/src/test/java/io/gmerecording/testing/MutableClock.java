package io.gmerecording.testing;

import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand, shared through core's test-jar. */
public final class MutableClock extends UtcClock {

    private volatile Instant now;

    /** Moves the clock to an instant. */
    public void set(Instant instant) {
        now = instant;
    }

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }



    @Override
    public Instant instant() {
        return now;
    }
}
