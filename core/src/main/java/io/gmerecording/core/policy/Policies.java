package io.gmerecording.core.policy;

import java.time.Duration;
import java.util.Objects;

/** Argument guards shared by the policy builders. */
final class Policies {

    private Policies() {
    }

    static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    /** A finite rate above zero; NaN and infinity are named in the message like any other bad value. */
    static double positiveRate(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
        return value;
    }
}
