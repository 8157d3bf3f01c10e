package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** The callers of {@link RecordingTracker#await}, each told of its task's end; the last answer kept for a timeout. */
final class Waiters implements TrackerListener {

    private final Map<TaskRef, Waiter> byTask = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when another caller awaits the same task */
    Waiter register(TaskRef task) {
        Waiter waiter = new Waiter(task);
        if (byTask.putIfAbsent(task, waiter) != null) {
            throw new IllegalStateException("another caller already awaits " + task);
        }
        return waiter;
    }

    void unregister(TaskRef task, Waiter waiter) {
        byTask.remove(task, waiter);
    }

    /** An answer the tracker got, kept only for a task someone awaits. */
    void saw(TaskRef task, RecordingTask answer) {
        Waiter waiter = byTask.get(task);
        if (waiter != null) {
            waiter.last = answer;
        }
    }

    @Override
    public void onEnd(TaskEnd end) {
        Waiter waiter = byTask.get(end.task());
        if (waiter != null) {
            waiter.end(end, null);
        }
    }

    /** The tracker closed: every caller still waiting is let go. */
    void closed(String tracker) {
        byTask.values().forEach(waiter -> waiter.end(null, tracker + " was closed while awaiting " + waiter.task));
    }

    static final class Waiter {
        private final TaskRef task;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile RecordingTask last;
        private volatile TaskEnd end;
        private volatile String abandoned;

        private Waiter(TaskRef task) {
            this.task = task;
        }

        private void end(TaskEnd end, String abandoned) {
            this.end = end;
            this.abandoned = abandoned;
            ended.countDown();
        }

        /** Blocks until the task ends; its answer, or the end as an exception. */
        RecordingTask result(long timeoutNanos) {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ErrorCodes.interrupted("interrupted while awaiting " + task, e);
            }
            if (end == null) {
                throw ErrorCodes.interrupted(abandoned, null);
            }
            switch (end.outcome()) {
                case REACHED:
                    return end.lastAnswer().orElseThrow();
                case FAILED:
                    RecordingQueryException error = end.error().orElseThrow();
                    throw error;
                case TIMED_OUT:
                    throw ErrorCodes.waitTimeout("gave up waiting for every recording of " + task + " to reach its "
                            + "target after " + timeoutNanos / 1_000_000 + " ms; last seen: " + last, last);
                default:
                    throw ErrorCodes.interrupted(task + " was untracked while awaited", null);
            }
        }
    }
}
