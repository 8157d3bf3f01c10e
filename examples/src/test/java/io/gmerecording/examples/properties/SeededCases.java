package io.gmerecording.examples.properties;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Random cases from one seed: each case has its own generator derived from the seed and its index, so a failure names
 * the seed and the case, and {@code -Dgme.seed=N} replays exactly that run. Without the property a fresh seed is
 * drawn, so every build explores new cases.
 */
final class SeededCases {

    /** Cases per property. */
    static final int COUNT = 1000;

    interface Case {
        void check(Random random) throws Exception;
    }

    private final long seed;

    private SeededCases(long seed) {
        this.seed = seed;
    }

    static SeededCases fromSystemProperty() {
        String given = System.getProperty("gme.seed");
        return new SeededCases(given == null || given.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(given));
    }

    /** Runs {@link #COUNT} cases and returns how many passed; the first failure stops the run, naming seed and case. */
    int run(Case check) {
        int passed = 0;
        for (int index = 0; index < COUNT; index++) {
            Random random = new Random(seed ^ (index * 0x9E3779B97F4A7C15L));
            try {
                check.check(random);
                passed++;
            } catch (Throwable failure) {
                throw new AssertionError("case " + index + " of seed " + seed + " failed; replay with -Dgme.seed="
                        + seed + ": " + failure.getMessage(), failure);
            }
        }
        return passed;
    }

    long seed() {
        return seed;
    }
}
