package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@link RecordingObserver#all}: several observers as one; a failing observer is logged and skipped. */
final class ObserverGroup implements RecordingObserver {

    private static final System.Logger LOG = System.getLogger(RecordingObserver.class.getName());

    private final List<RecordingObserver> observers;

    ObserverGroup(List<RecordingObserver> observers) {
        this.observers = observers;
    }

    /** Calls {@code event} on {@code observer}, logging instead of throwing: an observer never breaks a request. */
    static <T> void safely(T observer, Consumer<T> event) {
        try {
            event.accept(observer);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an observer failed: " + observer, e);
        }
    }

    @Override
    public Attempt attemptStarted(String adapter, TaskRef task, int attempt) {
        List<Attempt> attempts = new ArrayList<>();
        for (RecordingObserver observer : observers) {
            safely(observer, o -> attempts.add(o.attemptStarted(adapter, task, attempt)));
        }
        return new Attempt() {
            @Override
            public void succeeded(RecordingTask answer, Duration latency) {
                attempts.forEach(a -> safely(a, each -> each.succeeded(answer, latency)));
            }

            @Override
            public void failed(RecordingQueryException error, Duration latency) {
                attempts.forEach(a -> safely(a, each -> each.failed(error, latency)));
            }
        };
    }

    @Override
    public void retryScheduled(TaskRef task, int nextAttempt, Duration backoff, RecordingQueryException cause) {
        observers.forEach(o -> safely(o, each -> each.retryScheduled(task, nextAttempt, backoff, cause)));
    }

    @Override
    public void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
        observers.forEach(o -> safely(o, each -> each.rateLimitWaited(waited, refusal)));
    }

    @Override
    public void trackerChanged(TaskChange change) {
        observers.forEach(o -> safely(o, each -> each.trackerChanged(change)));
    }

    @Override
    public void trackerEnded(TaskEnd end) {
        observers.forEach(o -> safely(o, each -> each.trackerEnded(end)));
    }

    @Override
    public String toString() {
        return "RecordingObserver.all" + observers;
    }
}
