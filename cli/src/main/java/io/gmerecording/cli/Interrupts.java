package io.gmerecording.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the user ends a long command early (Ctrl-C, SIGTERM), as a command that must still say how it ended sees it.
 */
public interface Interrupts {

    /** The longest the process waits, once interrupted, for a command to finish its last lines and release its hold. */
    long FINISH_SECONDS = 10;

    /**
     * Runs {@code onInterrupt} (on a thread of its own) when the user interrupts the command; the process then ends
     * once the returned handle is closed, or {@link #FINISH_SECONDS} later if it never is. Closing the handle before
     * any interrupt unregisters it.
     */
    Handle register(Runnable onInterrupt);

    /** A registration; closing it says the command has finished. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /** Never interrupted: for a command run from code that ends it by other means. */
    Interrupts NONE = onInterrupt -> () -> { };

    /** The JVM's shutdown hooks, which run on SIGINT (Ctrl-C), SIGTERM and SIGHUP. */
    static Interrupts shutdownHooks() {
        return onInterrupt -> {
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                onInterrupt.run();
                try {
                    finished.await(FINISH_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "gme-recording-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs now, and has just been told that the command finished
                }
            };
        };
    }
}
