package io.gmerecording.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the exchanges of the JDK HTTP server on a bounded pool and ends one that outlives its deadline. The JDK server
 * reads a request's line, headers and body with blocking reads on the exchange's thread, so a client that sends part
 * of a request and stalls holds that thread. At most {@code maxConnections} exchanges run at once (idle threads end
 * after 30 s); as many more wait in a queue, and past that a connection is refused (closed unread). A watchdog
 * interrupts an exchange past its deadline (the interrupt closes the blocking socket channel, freeing the thread);
 * while exchanges wait in the queue, the deadline of a running one is at most {@link #BUSY_DEADLINE_NANOS}, far more
 * than a real request takes, so stalled clients give way to others within about a second.
 */
final class ExchangeDeadlines implements Executor, AutoCloseable {

    private static final long WATCH_MILLIS = 250;
    private static final long BUSY_DEADLINE_NANOS = 1_000_000_000L;
    private static final System.Logger LOG = System.getLogger(ExchangeDeadlines.class.getName());

    /** One running exchange; the lock keeps an interrupt from landing on the thread's next exchange. */
    private static final class Running {
        final Thread thread;
        final long startedNanos;
        boolean active = true;

        Running(Thread thread, long startedNanos) {
            this.thread = thread;
            this.startedNanos = startedNanos;
        }
    }

    private final long deadlineNanos;
    private final ThreadPoolExecutor pool;
    private final ExecutorService refusals;
    private final ScheduledExecutorService watchdog;
    private final Map<Running, Boolean> running = new ConcurrentHashMap<>();
    private final AtomicBoolean refusalWarned = new AtomicBoolean();

    ExchangeDeadlines(Duration deadline, int maxConnections) {
        this.deadlineNanos = deadline.toNanos();
        this.pool = new ThreadPoolExecutor(maxConnections, maxConnections, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxConnections), runnable -> daemon(runnable, "gme-emulator"),
                (exchange, full) -> refuse(exchange));
        pool.allowCoreThreadTimeOut(true);
        this.refusals = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "gme-emulator-refusals"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "gme-emulator-deadline"));
        watchdog.scheduleWithFixedDelay(this::interruptOverdue, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The pool and its queue are full: the exchange runs already interrupted, so its first read closes the connection
     * (the client sees it closed, as by a busy server) and nothing waits for its bytes.
     */
    private void refuse(Runnable exchange) {
        if (refusalWarned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "the emulator serves " + pool.getMaximumPoolSize() + " connections "
                    + "at once and queues as many; it closes further ones until some finish");
        }
        if (refusals.isShutdown()) {
            return;
        }
        refusals.execute(() -> {
            Thread.currentThread().interrupt();
            try {
                exchange.run();
            } finally {
                Thread.interrupted();
            }
        });
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> {
            Running current = new Running(Thread.currentThread(), System.nanoTime());
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
        long deadline = pool.getQueue().isEmpty() ? deadlineNanos : Math.min(deadlineNanos, BUSY_DEADLINE_NANOS);
        for (Running exchange : running.keySet()) {
            if (now - exchange.startedNanos > deadline) {
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
        refusals.shutdownNow();
    }
}
