package io.gmerecording.testing;

import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service as trackers over one store see it, on {@link SteppedTime}: each task RECORDING until the moment its
 * files are NOTIFIED; counts the requests. Shared through core's test-jar.
 */
public final class SteppedService implements RecordingQuery {

    private final SteppedTime time;
    private final long bizId;
    private final Map<TaskRef, Instant> notifiedAt;
    private final AtomicInteger requests = new AtomicInteger();

    public SteppedService(SteppedTime time, long bizId) {
        this(time, bizId, new ConcurrentHashMap<>());
    }

    private SteppedService(SteppedTime time, long bizId, Map<TaskRef, Instant> notifiedAt) {
        this.time = time;
        this.bizId = bizId;
        this.notifiedAt = notifiedAt;
    }

    /** The same service as another replica reaches it: the same tasks, its own count of requests. */
    public SteppedService replica() {
        return new SteppedService(time, bizId, notifiedAt);
    }

    /** Tasks 1 to {@code count}, whose files are NOTIFIED {@code notifiedIn} from now. */
    public List<TaskRef> tasks(int count, Duration notifiedIn) {
        List<TaskRef> tasks = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            TaskRef task = TaskRef.of(bizId, id);
            notifiedIn(task, notifiedIn);
            tasks.add(task);
        }
        return tasks;
    }

    public void notifiedIn(TaskRef task, Duration from) {
        notifiedAt.put(task, time.instant().plus(from));
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public RecordingTask describe(TaskRef task) {
        requests.incrementAndGet();
        boolean done = !time.instant().isBefore(notifiedAt.get(task));
        return RecordingTask.of(task, "room", 1, List.of(Recording.of("7", "f.mp3", Instant.EPOCH, done ? 14 : 2)),
                "request");
    }
}
