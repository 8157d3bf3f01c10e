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
}
