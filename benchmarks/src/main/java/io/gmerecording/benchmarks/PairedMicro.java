package io.gmerecording.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ours against the SDK's in one JVM, in alternating short slices after a warm-up of both: the speedup is taken per
 * pair of slices, so a drift of the machine's speed (another process, a frequency change) touches both sides of a
 * pair alike, which separate JMH forks minutes apart cannot promise on a shared machine.
 */
final class PairedMicro {

    /** Keeps every result reachable, so the JIT cannot drop the work. */
    private static volatile int sink;

    private PairedMicro() {
    }

    /** Per pair: (calls of ours per second) / (calls of the SDK's per second). */
    static List<Double> speedups(Supplier<Object> ours, Supplier<Object> sdk, int pairs, long sliceNanos) {
        for (int i = 0; i < 40; i++) { // about 4 s of warm-up each, in turns
            rate(ours, sliceNanos);
            rate(sdk, sliceNanos);
        }
        List<Double> speedups = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            // which side goes first alternates, so neither always follows the other's garbage
            double first = rate(i % 2 == 0 ? ours : sdk, sliceNanos);
            double second = rate(i % 2 == 0 ? sdk : ours, sliceNanos);
            speedups.add(i % 2 == 0 ? first / second : second / first);
        }
        return speedups;
    }

    private static double rate(Supplier<Object> work, long sliceNanos) {
        long calls = 0;
        int hash = 0;
        long started = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                hash += work.get().hashCode();
            }
            calls += 64;
            now = System.nanoTime();
        } while (now - started < sliceNanos);
        sink += hash;
        return calls / ((now - started) / 1e9);
    }
}
