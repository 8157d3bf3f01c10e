package io.gmerecording.callbacks;

import io.gmerecording.core.policy.RecordingTracker;
import java.util.Objects;

/** What a receiving endpoint tells the application: each new event, and (optionally) repeats and refusals. */
public interface CallbackListener {

    /**
     * A new, verified event. Throwing makes the endpoint answer 500 and forget the event, so the service's next
     * delivery of it is new again.
     */
    void event(RecordingEvent event) throws Exception;

    /**
     * Passes each new event to {@code tracker} as a hint about its task ({@link RecordingTracker#hint}), then to
     * {@code then} (which may be {@code null}); an event for a task the tracker does not track is passed on only.
     */
    static CallbackListener hinting(RecordingTracker tracker, CallbackListener then) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        return new CallbackListener() {
            @Override
            public void event(RecordingEvent event) throws Exception {
                tracker.hint(event.task(), event.type().announces());
                if (then != null) {
                    then.event(event);
                }
            }

            @Override
            public void duplicate(RecordingEvent event) {
                if (then != null) {
                    then.duplicate(event);
                }
            }

            @Override
            public void refused(CallbackRefusedException refusal) {
                if (then != null) {
                    then.refused(refusal);
                }
            }
        };
    }

    /** A repeat of an event already taken; answered 2xx and not passed to {@link #event}. */
    default void duplicate(RecordingEvent event) {
    }

    /** A request that was refused; its message holds neither the key nor the signature. */
    default void refused(CallbackRefusedException refusal) {
    }
}
