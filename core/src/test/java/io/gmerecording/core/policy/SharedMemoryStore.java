package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store contract kept in memory for several replicas at once, on a test's clock: what a shared store (Redis) does,
 * so the tracker's side of it is tested here, and can be made unreachable ({@link #away}).
 */
final class SharedMemoryStore {

    private final Clock clock;
    private final Duration lease;
    private final Duration deliveryTime;
    private final Map<TaskRef, Held> tasks = new LinkedHashMap<>();
    private final Map<String, Instant> leases = new HashMap<>();
    private final Map<String, Pending> ends = new LinkedHashMap<>();
    private boolean away;
    private long endNumber;

    private static final class Held {
        StoredTask task;
        String owner;
        final List<RecordStatus> hints = new ArrayList<>();

        Held(StoredTask task, String owner) {
            this.task = task;
            this.owner = owner;
        }
    }

    private static final class Pending {
        final TaskEnd end;
        Instant until;

        Pending(TaskEnd end, Instant until) {
            this.end = end;
            this.until = until;
        }
    }

    SharedMemoryStore(Clock clock, Duration lease, Duration deliveryTime) {
        this.clock = clock;
        this.lease = lease;
        this.deliveryTime = deliveryTime;
    }

    synchronized void away(boolean unreachable) {
        away = unreachable;
    }

    synchronized int pendingEnds() {
        return ends.size();
    }

    synchronized String ownerOf(TaskRef task) {
        Held held = tasks.get(task);
        return held == null ? null : held.owner;
    }

    TrackedTaskStore replica(String owner) {
        return new Replica(owner);
    }

    private final class Replica implements TrackedTaskStore {
        private final String owner;

        Replica(String owner) {
            this.owner = owner;
        }

        private Instant now() {
            if (away) {
                throw new Unavailable("the test made the store unreachable", null);
            }
            return clock.instant();
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public boolean add(StoredTask task) {
            synchronized (SharedMemoryStore.this) {
                Instant now = now();
                leases.putIfAbsent(owner, now.plus(lease));
                return tasks.putIfAbsent(task.task(), new Held(task, owner)) == null;
            }
        }

        @Override
        public Set<TaskRef> update(Collection<StoredTask> changed) {
            synchronized (SharedMemoryStore.this) {
                now();
                Set<TaskRef> lost = new HashSet<>();
                for (StoredTask task : changed) {
                    Held held = tasks.get(task.task());
                    if (held != null && held.owner.equals(owner)) {
                        held.task = task;
                    } else {
                        lost.add(task.task());
                    }
                }
                return lost;
            }
        }

        @Override
        public boolean renew() {
            synchronized (SharedMemoryStore.this) {
                Instant now = now();
                Instant until = leases.put(owner, now.plus(lease));
                return until == null || !until.isBefore(now);
            }
        }

        @Override
        public Set<TaskRef> held() {
            synchronized (SharedMemoryStore.this) {
                now();
                Set<TaskRef> mine = new HashSet<>();
                tasks.forEach((task, held) -> {
                    if (held.owner.equals(owner)) {
                        mine.add(task);
                    }
                });
                return mine;
            }
        }

        @Override
        public List<StoredTask> takeOver(int max) {
            synchronized (SharedMemoryStore.this) {
                Instant now = now();
                List<StoredTask> taken = new ArrayList<>();
                for (Held held : tasks.values()) {
                    Instant until = leases.get(held.owner);
                    if (taken.size() < max && !held.owner.equals(owner) && until != null && until.isBefore(now)) {
                        held.owner = owner;
                        taken.add(held.task);
                    }
                }
                return taken;
            }
        }

        @Override
        public Optional<String> end(TaskEnd end) {
            synchronized (SharedMemoryStore.this) {
                Instant now = now();
                Held held = tasks.get(end.task());
                if (held == null || !held.owner.equals(owner)) {
                    return Optional.empty();
                }
                tasks.remove(end.task());
                String id = "end-" + ++endNumber;
                ends.put(id, new Pending(end.withId(id), now.plus(deliveryTime)));
                return Optional.of(id);
            }
        }

        @Override
        public boolean remove(TaskRef task) {
            synchronized (SharedMemoryStore.this) {
                now();
                return tasks.remove(task) != null;
            }
        }

        @Override
        public boolean hint(TaskRef task, RecordStatus announced) {
            synchronized (SharedMemoryStore.this) {
                now();
                Held held = tasks.get(task);
                if (held != null) {
                    held.hints.add(announced);
                }
                return held != null;
            }
        }

        @Override
        public Map<TaskRef, List<RecordStatus>> takeHints() {
            synchronized (SharedMemoryStore.this) {
                now();
                Map<TaskRef, List<RecordStatus>> mine = new LinkedHashMap<>();
                tasks.forEach((task, held) -> {
                    if (held.owner.equals(owner) && !held.hints.isEmpty()) {
                        mine.put(task, new ArrayList<>(held.hints));
                        held.hints.clear();
                    }
                });
                return mine;
            }
        }

        @Override
        public List<TaskEnd> takeUndelivered(int max) {
            synchronized (SharedMemoryStore.this) {
                Instant now = now();
                List<TaskEnd> due = new ArrayList<>();
                for (Pending pending : ends.values()) {
                    if (due.size() < max && pending.until.isBefore(now)) {
                        pending.until = now.plus(deliveryTime);
                        due.add(pending.end);
                    }
                }
                return due;
            }
        }

        @Override
        public void acknowledge(String endId) {
            synchronized (SharedMemoryStore.this) {
                now();
                ends.remove(endId);
            }
        }

        @Override
        public int count() {
            synchronized (SharedMemoryStore.this) {
                now();
                return tasks.size();
            }
        }

        @Override
        public String toString() {
            return "SharedMemoryStore[" + owner + "]";
        }
    }
}
