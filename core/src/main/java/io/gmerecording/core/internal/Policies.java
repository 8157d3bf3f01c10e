package io.gmerecording.core.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument guards shared by the policy builders. */
public final class Policies {

    private Policies() {
    }

    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    /**
     * The duration in nanoseconds, saturated: a duration too long to count in a long (about 292 years) is
     * {@link Long#MAX_VALUE}, never an {@link ArithmeticException}. Waits that long mean "no limit".
     */
    public static long nanos(Duration value) {
        try {
            return value.toNanos();
        } catch (ArithmeticException tooLong) {
            return value.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** {@code a + b}, saturated at the ends of the long range instead of wrapping. */
    public static long plus(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    public static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    /** A finite rate above zero; NaN and infinity are named in the message like any other bad value. */
    public static double positiveRate(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
        return value;
    }
}
