package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TrackedTaskStore#inMemory()}: one replica, so it holds every task it tracks, its lease never lapses, there is
 * nothing to take over, and a hint for a task it does not hold has no other holder to go to. Its ends are delivered
 * once, by the tracker, as they happen.
 */
final class InMemoryTaskStore implements TrackedTaskStore {

    private final Set<TaskRef> tasks = new HashSet<>();
    private long ends;

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public synchronized boolean add(StoredTask task) {
        return tasks.add(task.task());
    }

    @Override
    public synchronized Set<TaskRef> update(Collection<StoredTask> changed) {
        Set<TaskRef> lost = new HashSet<>();
        changed.forEach(task -> {
            if (!tasks.contains(task.task())) {
                lost.add(task.task());
            }
        });
        return lost;
    }

    @Override
    public boolean renew() {
        return true;
    }

    @Override
    public synchronized Set<TaskRef> held() {
        return new HashSet<>(tasks);
    }

    @Override
    public List<StoredTask> takeOver(int max) {
        return Collections.emptyList();
    }

    @Override
    public synchronized Optional<String> end(TaskEnd end) {
        return tasks.remove(end.task()) ? Optional.of(end.task().bizId() + ":" + end.task().taskId() + ":" + ++ends)
                : Optional.empty();
    }

    @Override
    public synchronized boolean remove(TaskRef task) {
        return tasks.remove(task);
    }

    @Override
    public synchronized boolean hint(TaskRef task, RecordStatus announced) {
        return false; // held here, the tracker hints it itself; not held here, no one holds it
    }

    @Override
    public Map<TaskRef, List<RecordStatus>> takeHints() {
        return Collections.emptyMap();
    }

    @Override
    public List<TaskEnd> takeUndelivered(int max) {
        return Collections.emptyList();
    }

    @Override
    public void acknowledge(String endId) {
    }

    @Override
    public synchronized int count() {
        return tasks.size();
    }

    @Override
    public String toString() {
        return "TrackedTaskStore.inMemory()";
    }
}
