package io.gmerecording.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Interrupts a test sends itself: {@link #fire()} plays Ctrl-C as the JVM's shutdown hooks do. */
final class ManualInterrupts implements Interrupts {

    private final List<Runnable> actions = new ArrayList<>();
    private final List<CountDownLatch> finished = new ArrayList<>();
    private volatile boolean commandFinishedInTime;
    private volatile Thread hook;

    @Override
    public synchronized Handle register(Runnable onInterrupt) {
        CountDownLatch done = new CountDownLatch(1);
        actions.add(onInterrupt);
        finished.add(done);
        return done::countDown;
    }

    /**
     * On a thread of its own, as a shutdown hook runs: each registered action, then the wait for its command to say it
     * finished, within {@link Interrupts#FINISH_SECONDS}. Returns at once.
     */
    void fire() {
        List<Runnable> toRun;
        List<CountDownLatch> toAwait;
        synchronized (this) {
            toRun = new ArrayList<>(actions);
            toAwait = new ArrayList<>(finished);
        }
        hook = new Thread(() -> {
            toRun.forEach(Runnable::run);
            boolean inTime = true;
            try {
                for (CountDownLatch done : toAwait) {
                    inTime &= done.await(FINISH_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                inTime = false;
            }
            commandFinishedInTime = inTime && !toAwait.isEmpty();
        }, "test-interrupt");
        hook.start();
    }

    /** Whether the fired interrupt saw its command finish before the process would have ended. */
    boolean commandFinishedInTime() throws InterruptedException {
        hook.join();
        return commandFinishedInTime;
    }
}
