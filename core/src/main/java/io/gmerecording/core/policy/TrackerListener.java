package io.gmerecording.core.policy;

import io.gmerecording.core.internal.ObserverGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link RecordingTracker} reports: the one interface of its events. Called on the tracker's worker threads,
 * one call at a time per task; keep it quick (hand slow work to an executor). An exception thrown here is logged and
 * does not stop tracking.
 */
public interface TrackerListener {

    /** Hears nothing. */
    TrackerListener NONE = new TrackerListener() { };

    /** A task's status changed since the last answer (including its first status). */
    default void onChange(TaskChange change) {
    }

    /** A task stopped being tracked; reported exactly once per tracked task (but not for tasks left at close). */
    default void onEnd(TaskEnd end) {
    }

    /** Tells every one of {@code listeners}, in order; one that throws does not keep the others from hearing. */
    static TrackerListener all(TrackerListener... listeners) {
        List<TrackerListener> list = Arrays.asList(listeners.clone());
        list.forEach(listener -> Objects.requireNonNull(listener, "listeners must not contain null"));
        return new TrackerListener() {
            @Override
            public void onChange(TaskChange change) {
                list.forEach(listener -> ObserverGroup.safelyListening(listener, each -> each.onChange(change)));
            }

            @Override
            public void onEnd(TaskEnd end) {
                list.forEach(listener -> ObserverGroup.safelyListening(listener, each -> each.onEnd(end)));
            }

            @Override
            public String toString() {
                return "TrackerListener.all" + list;
            }
        };
    }
}
