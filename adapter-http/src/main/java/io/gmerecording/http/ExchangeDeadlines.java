package io.gmerecording.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ends exchanges that run past their deadline, for one query, by interrupting the thread waiting in
 * {@code HttpClient.send}: the JDK client's own request timeout ends at the response headers, so a server that stalls
 * mid-body would otherwise hold the caller forever. {@code send} answers an interrupt by cancelling the exchange (Java
 * 16+ also closes its connection). Interrupting the caller, rather than cancelling a body subscriber of our own, lets
 * the body go to the JDK's own subscriber, which the client completes on its own thread: any other subscriber costs
 * a hand-off to the client's executor per response (measured: about 12% of the throughput at 8 threads).
 *
 * <p>One sweep every {@value #SWEEP_MILLIS} ms over the exchanges in flight (a timer per request would wake a thread
 * per request). The sweeping thread starts when an exchange begins, ends once none is in flight, and
 * {@link #close()} ends it for good, so an idle or closed query holds no thread. An interrupt never outlives its
 * exchange: {@link Exchange#close()} waits for one that is being delivered and clears it.
 */
final class ExchangeDeadlines implements AutoCloseable {

    static final long SWEEP_MILLIS = 50;

    private static final int IN_FLIGHT = 0;
    private static final int DONE = 1;
    private static final int EXPIRING = 2;
    private static final int EXPIRED = 3;

    /** One caller's exchange; close it when {@code send} has returned or thrown. */
    final class Exchange implements AutoCloseable {
        private final Thread caller = Thread.currentThread();
        private final long deadlineNanos;
        private final AtomicInteger state = new AtomicInteger(IN_FLIGHT);

        private Exchange(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        /** Whether the deadline passed and the caller was (or is being) interrupted for it. */
        boolean expired() {
            return state.get() >= EXPIRING;
        }

        private void expireIfDue(long now) {
            if (now - deadlineNanos > 0 && state.compareAndSet(IN_FLIGHT, EXPIRING)) {
                caller.interrupt();
                state.set(EXPIRED);
            }
        }

        @Override
        public void close() {
            inFlight.remove(this);
            if (state.compareAndSet(IN_FLIGHT, DONE) || state.get() == DONE) {
                return;
            }
            while (state.get() != EXPIRED) {
                Thread.onSpinWait(); // the sweeper is between its decision and the interrupt
            }
            Thread.interrupted(); // ours, not the application's: clear it
        }
    }

    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private Thread sweeper;
    private boolean closed;

    /** An exchange of the calling thread that must end within {@code timeoutNanos}. */
    Exchange begin(long timeoutNanos) {
        Exchange exchange = new Exchange(System.nanoTime() + timeoutNanos);
        inFlight.add(exchange);
        synchronized (lock) {
            if (sweeper == null && !closed) {
                sweeper = new Thread(this::sweepWhileBusy, "gme-recording-exchange-deadline");
                sweeper.setDaemon(true);
                sweeper.start();
            }
        }
        return exchange;
    }

    /** Whether the sweeping thread is running (for tests). */
    boolean isSweeping() {
        synchronized (lock) {
            return sweeper != null;
        }
    }

    private void sweepWhileBusy() {
        try {
            while (true) {
                Thread.sleep(SWEEP_MILLIS);
                long now = System.nanoTime();
                for (Exchange exchange : inFlight) {
                    exchange.expireIfDue(now);
                }
                synchronized (lock) {
                    // begin() adds before it looks at sweeper: one added now is seen here or starts a new sweeper
                    if (inFlight.isEmpty() || closed) {
                        if (sweeper == Thread.currentThread()) {
                            sweeper = null;
                        }
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // only close() interrupts, and it has already let go of this thread
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (sweeper != null) {
                sweeper.interrupt();
                sweeper = null;
            }
        }
    }
}
