package example;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.redis.RedisLocation;
import io.gmerecording.redis.RedisTrackedTaskStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every replica runs this: the tasks any of them tracks end once, on one of them, even if a replica dies. */
public final class SharedTracking implements AutoCloseable {

    private final Set<String> processed = ConcurrentHashMap.newKeySet(); // in your database, in production
    private final RedisTrackedTaskStore store;
    private final RecordingTracker tracker;

    public SharedTracking(GmeRecording client, String redisUrl) {
        store = RedisTrackedTaskStore.builder(RedisLocation.parse(redisUrl))
                .replica(System.getenv().getOrDefault("HOSTNAME", "replica")) // the holder's name, as Redis shows it
                .build();
        tracker = client.newTracker(settings -> settings.store(store).listener(new TrackerListener() {
            @Override
            public void onEnd(TaskEnd end) {
                // may come again (its replica died before it returned): act once per id
                if (processed.add(end.id().orElseThrow())) {
                    end.lastAnswer().ifPresent(files -> System.out.println("files ready: " + files.recordings()));
                }
            }
        }));
        tracker.start(); // resumes what dead replicas tracked
    }

    public void track(TaskRef task) {
        tracker.track(task, RecordStatus.NOTIFIED); // on any replica
    }

    @Override
    public void close() {
        tracker.close();
        store.handOver(); // the others take this replica's tasks over at once
        store.close();
    }
}
