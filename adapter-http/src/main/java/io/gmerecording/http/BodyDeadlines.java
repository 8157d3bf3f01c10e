package io.gmerecording.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Abandons response bodies that do not finish in time, for one query. One sweep every {@value #SWEEP_MILLIS} ms over
 * the bodies in flight: a timer per request would wake a thread per request. The sweeping thread starts when a body
 * is first watched, ends once none is in flight, and {@link #close()} ends it for good, so an idle or closed query
 * holds no thread.
 */
final class BodyDeadlines implements AutoCloseable {

    static final long SWEEP_MILLIS = 50;

    /** A body being read, with the moment it must have finished by. */
    interface Watched {
        long deadlineNanos();

        void expire();
    }

    private final Set<Watched> inFlight = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private Thread sweeper;
    private boolean closed;

    void watch(Watched body) {
        inFlight.add(body);
        synchronized (lock) {
            if (sweeper == null && !closed) {
                sweeper = new Thread(this::sweepWhileBusy, "gme-recording-body-deadline");
                sweeper.setDaemon(true);
                sweeper.start();
            }
        }
    }

    void unwatch(Watched body) {
        inFlight.remove(body);
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
                for (Watched body : inFlight) {
                    if (now - body.deadlineNanos() > 0) {
                        body.expire();
                    }
                }
                synchronized (lock) {
                    // watch() adds before it looks at sweeper, so a body added now is either seen here or starts a new sweeper
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
