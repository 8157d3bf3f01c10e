package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@link RecordingTracker} keeps the tasks it tracks, so that several replicas share them and a restart or a
 * dead replica loses none. Each tracker over a store is one replica: the tasks it {@linkplain #add adds} or
 * {@linkplain #takeOver takes over} are its own, each held by exactly one replica at a time, and it polls only those.
 * A replica holds its tasks by one lease, {@linkplain #renew renewed} every second or so; when a replica stops renewing
 * (killed, partitioned, paused), its tasks are taken over by the others once its lease lapses. An end is recorded
 * once ({@link #end}: only by the replica that holds the task), kept until the listener that heard it
 * {@linkplain #acknowledge acknowledged} it, and given to another replica when that does not happen in time
 * ({@link #takeUndelivered}), so every end reaches a listener at least once.
 *
 * <p>{@link #inMemory()} is the default: one replica, nothing shared, nothing survives the JVM (the tracker then runs
 * no store loop and delivers each end once, as it always did). A shared store (Redis) is in its own module. Every
 * method may throw {@link Unavailable} when the store cannot be reached; the tracker then pauses polling, keeps what it
 * learnt, and goes on when the store answers again.
 */
public interface TrackedTaskStore extends AutoCloseable {

    /** The store cannot be reached (or answered too late): nothing was changed, or the change is not known. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One replica's store in this JVM's memory: today's tracker, nothing shared or kept. */
    static TrackedTaskStore inMemory() {
        return new InMemoryTaskStore();
    }

    /** Whether other replicas (or a later run) share what this store holds: only then does the tracker's loop run. */
    boolean shared();

    /** Records {@code task} as tracked and held by this replica; false when it is tracked already, here or elsewhere. */
    boolean add(StoredTask task);

    /**
     * Writes back the last status seen of tasks this replica holds; returns those it no longer holds (taken over by
     * another replica after this one's lease lapsed, or removed), which this replica must stop polling.
     */
    Set<TaskRef> update(Collection<StoredTask> tasks);

    /**
     * Keeps this replica's lease for another lease period; false when it had lapsed, so that other replicas may have
     * taken some of its tasks ({@link #held()} says which are still its own).
     */
    boolean renew();

    /** The tasks this replica holds now. */
    Set<TaskRef> held();

    /** Up to {@code max} tasks of replicas whose lease lapsed, now held by this one; empty when there are none. */
    List<StoredTask> takeOver(int max);

    /**
     * Ends a task this replica holds: removes it and keeps {@code end} until it is acknowledged, as one step, so that
     * no two replicas both end a task.
     *
     * @return the end's id, unique and kept across deliveries; empty when this replica does not hold the task (another
     *     one took it over, or it was removed), in which case the end is not this replica's to report
     */
    Optional<String> end(TaskEnd end);

    /** Stops tracking {@code task}, whoever holds it; false when it was not tracked. No end is recorded. */
    boolean remove(TaskRef task);

    /**
     * Passes a callback's hint to whichever replica holds {@code task} (see {@link RecordingTracker#hint}); false
     * when the task is not tracked.
     */
    boolean hint(TaskRef task, RecordStatus announced);

    /** The hints given for tasks this replica holds, each returned once, in the order given. */
    Map<TaskRef, List<RecordStatus>> takeHints();

    /**
     * Up to {@code max} recorded ends that no listener acknowledged within their delivery time (the replica that
     * recorded them died or its listener failed), each with its id, now this replica's to deliver.
     */
    List<TaskEnd> takeUndelivered(int max);

    /** A listener heard the end {@code endId} through: it is forgotten. Acknowledging twice changes nothing. */
    void acknowledge(String endId);

    /** How many tasks the store holds, over every replica. */
    int count();

    /** Lets go of the connection; the tasks stay, to be taken over once this replica's lease lapses. */
    @Override
    default void close() {
    }
}
