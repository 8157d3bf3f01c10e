package io.gmerecording.core.internal;

import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@link RecordingObserver#all}: several observers as one; a failing observer is logged and skipped. */
public final class ObserverGroup implements RecordingObserver {

    private static final System.Logger LOG = System.getLogger(RecordingObserver.class.getName());
    private static final System.Logger TRACKER_LOG = System.getLogger("io.gmerecording.core.policy.RecordingTracker");

    private final List<RecordingObserver> observers;

    public ObserverGroup(List<RecordingObserver> observers) {
        this.observers = observers;
    }

    /** Calls {@code event} on {@code observer}, logging instead of throwing: an observer never breaks a request. */
    public static <T> void safely(T observer, Consumer<T> event) {
        safely(LOG, "an observer failed: ", observer, event);
    }

    /**
     * As {@link #safely(Object, Consumer)}, for a tracker's listener (logged as the tracker's).
     *
     * @return whether the listener returned (false: it threw, and that was logged)
     */
    public static <T> boolean safelyListening(T listener, Consumer<T> event) {
        return safely(TRACKER_LOG, "the tracker's listener failed: ", listener, event);
    }

    private static <T> boolean safely(System.Logger log, String failure, T target, Consumer<T> event) {
        try {
            event.accept(target);
            return true;
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, failure + target, e);
            return false;
        }
    }

    @Override
    public Attempt attemptStarted(Request request) {
        List<Attempt> attempts = new ArrayList<>();
        for (RecordingObserver observer : observers) {
            safely(observer, o -> attempts.add(o.attemptStarted(request)));
        }
        return new Attempt() {
            @Override
            public void succeeded(String requestId, Object answer, Duration latency) {
                attempts.forEach(a -> safely(a, each -> each.succeeded(requestId, answer, latency)));
            }

            @Override
            public void failed(RecordingQueryException error, Duration latency) {
                attempts.forEach(a -> safely(a, each -> each.failed(error, latency)));
            }
        };
    }

    @Override
    public void retryScheduled(Request next, Duration backoff, RecordingQueryException cause) {
        observers.forEach(o -> safely(o, each -> each.retryScheduled(next, backoff, cause)));
    }

    @Override
    public void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
        observers.forEach(o -> safely(o, each -> each.rateLimitWaited(waited, refusal)));
    }


    @Override
    public String toString() {
        return "RecordingObserver.all" + observers;
    }
}
