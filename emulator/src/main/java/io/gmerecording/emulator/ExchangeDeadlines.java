package io.gmerecording.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs each exchange of the JDK HTTP server on a thread of its own and ends one that outlives the deadline. The JDK
 * server reads a request's line, headers and body with blocking reads on the exchange's thread; a client that sends
 * part of a request and stalls would hold that thread forever, and with a fixed pool a few such clients stall
 * everyone. Here threads are made as needed (idle ones end after 30 s), so a stalled client never delays another,
 * and a watchdog interrupts an exchange past its deadline: the interrupt closes the blocking socket channel, so the
 * stalled connection is closed and its thread freed.
 */
final class ExchangeDeadlines implements Executor, AutoCloseable {

    private static final long WATCH_MILLIS = 250;

    /** One running exchange; the lock keeps an interrupt from landing on the thread's next exchange. */
    private static final class Running {
        final Thread thread;
        final long deadlineNanos;
        boolean active = true;

        Running(Thread thread, long deadlineNanos) {
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final long deadlineNanos;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final Map<Running, Boolean> running = new ConcurrentHashMap<>();

    ExchangeDeadlines(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> daemon(runnable, "gme-emulator"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "gme-emulator-deadline"));
        watchdog.scheduleWithFixedDelay(this::interruptOverdue, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> {
            Running current = new Running(Thread.currentThread(), System.nanoTime() + deadlineNanos);
            running.put(current, Boolean.TRUE);
            try {
                exchange.run();
            } finally {
                running.remove(current);
                synchronized (current) {
                    current.active = false;
                }
                Thread.interrupted(); // a late interrupt must not reach the next exchange on this thread
            }
        });
    }

    private void interruptOverdue() {
        long now = System.nanoTime();
        for (Running exchange : running.keySet()) {
            if (now - exchange.deadlineNanos > 0) {
                running.remove(exchange);
                synchronized (exchange) {
                    if (exchange.active) {
                        exchange.thread.interrupt();
                    }
                }
            }
        }
    }

    /** Exchanges running now (for tests). */
    int running() {
        return running.size();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }
}
