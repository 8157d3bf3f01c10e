package io.gmerecording.core.policy;

/**
 * What a {@link RecordingTracker} reports. Called on the tracker's worker threads, one call at a time per task; keep it
 * quick (hand slow work to an executor). An exception thrown here is logged and does not stop tracking.
 */
public interface TrackerListener {

    /** A task's status changed since the last answer (including its first status). */
    default void onChange(TaskChange change) {
    }

    /** A task stopped being tracked; reported exactly once per tracked task (but not for tasks left at close). */
    default void onEnd(TaskEnd end) {
    }
}
