package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A long run, not a test: N signed requests (a million by default) through one emulator, then its live heap after a
 * full GC compared with where it started. The emulator's request log is a ring and its rate windows are evicted, so
 * the heap must come back to within a few megabytes. {@code benchmarks/long-run.sh soak [N]}.
 */
public final class EmulatorSoak {

    private static final int THREADS = 8;

    private EmulatorSoak() {
    }

    public static void main(String[] args) throws Exception {
        long requests = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (GmeEmulator emulator = GmeEmulator.builder().requestsPerSecond(Integer.MAX_VALUE).build();
                Transport query = HttpTransport.builder().endpoint(emulator.endpoint())
                        .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey()))
                        .build()) {
            TaskRef seed = TaskRef.of(3400352518L, 446192236330927912L);
            TaskRef missing = TaskRef.of(3400352518L, 42L);
            for (int i = 0; i < 2_000; i++) {
                describe(query, i % 2 == 0 ? seed : missing); // warm up before the first measure
            }
            long before = liveHeap(memory);
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long started = System.nanoTime();
            ExecutorService callers = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                callers.execute(() -> {
                    long i;
                    while ((i = sent.incrementAndGet()) <= requests) {
                        if (!describe(query, i % 2 == 0 ? seed : missing)) {
                            failed.incrementAndGet();
                        }
                        if (i % 100_000 == 0) {
                            System.out.printf("%,d requests, %.0f s%n", i, (System.nanoTime() - started) / 1e9);
                        }
                    }
                });
            }
            callers.shutdown();
            callers.awaitTermination(1, TimeUnit.DAYS);
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = liveHeap(memory);
            System.out.printf("%,d requests in %.0f s (%.0f req/s), %d transport failures; request log %,d entries%n",
                    requests, seconds, requests / seconds, failed.get(), emulator.requestLog().entries().size());
            System.out.printf("live heap after a full GC: before %,d bytes, after %,d bytes, growth %,d bytes (%.2f MB)%n",
                    before, after, after - before, (after - before) / 1048576.0);
        }
    }

    /** A success or a TaskNotFound answer; false for a transport failure. */
    private static boolean describe(Transport query, TaskRef task) {
        try {
            query.describe(task);
            return true;
        } catch (RecordingQueryException e) {
            return e.code().equals("ResourceNotFound.TaskNotFound");
        }
    }

    /** The heap in use after full collections, the least of five (shared by the long runs). */
    static long liveHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
