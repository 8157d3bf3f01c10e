package io.gmerecording.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.StoredTask;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.testing.JumpingTime;
import io.gmerecording.testing.SteppedService;
import io.gmerecording.testing.SteppedTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracked-task store and the shared budget against a Redis Cluster of three masters (the same redis-server
 * binary, {@code cluster-enabled yes}, slots assigned with {@code CLUSTER ADDSLOTS}, nodes joined with
 * {@code CLUSTER MEET}): every script's keys share a hash tag, so each runs on the one node that owns its slot.
 */
class RedisClusterTest {

    private static final Logger LETTUCE = Logger.getLogger("io.lettuce");
    private static LocalRedisCluster cluster;

    @BeforeAll
    static void startCluster() throws InterruptedException {
        LETTUCE.setLevel(Level.WARNING);
        cluster = LocalRedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** Which node holds the store's keys: one, for each store name, and not the same one for every name. */
    private static Set<Integer> nodesHolding(String pattern) {
        Set<Integer> holders = new HashSet<>();
        for (int i = 0; i < cluster.nodes().size(); i++) {
            if (!cluster.nodes().get(i).command("KEYS", pattern).equals("[]")) {
                holders.add(i);
            }
        }
        return holders;
    }

    @Test
    void trackersOverOneStoreShareTheirTasksThroughTheCluster() throws Exception {
        SteppedTime time = new SteppedTime();
        SteppedService service = new SteppedService(time, 1400000000L);
        List<TaskRef> tasks = service.tasks(12, Duration.ofSeconds(10));
        List<TaskEnd> ends = new CopyOnWriteArrayList<>();
        Set<Integer> holders = new HashSet<>();
        for (String name : List.of("alpha", "beta", "gamma", "delta")) {
            try (RedisTrackedTaskStore store = RedisTrackedTaskStore.builder(cluster.seed()).cluster().name(name)
                    .clock(time).build()) {
                Instant now = time.instant();
                assertThat(store.add(StoredTask.of(TaskRef.of(1, 1), RecordStatus.NOTIFIED, now, now, null, now)))
                        .isTrue();
                Set<Integer> holding = nodesHolding("gme-recording:tracker:{" + name + "}:*");
                assertThat(holding).as("store %s's keys on one node", name).hasSize(1);
                holders.addAll(holding);
                store.remove(TaskRef.of(1, 1));
            }
        }
        assertThat(holders).as("the stores spread over the masters").hasSizeGreaterThan(1);

        try (RedisTrackedTaskStore storeA = RedisTrackedTaskStore.builder(cluster.seed()).cluster().replica("a")
                .clock(time).lease(Duration.ofSeconds(5)).build();
                RedisTrackedTaskStore storeB = RedisTrackedTaskStore.builder(cluster.seed()).cluster().replica("b")
                        .clock(time).lease(Duration.ofSeconds(5)).build()) {
            TrackerListener heard = new TrackerListener() {
                @Override
                public void onEnd(TaskEnd end) {
                    ends.add(end);
                }
            };
            RecordingTracker a = RecordingTracker.over(service).timeSource(time).clock(time).store(storeA)
                    .listener(heard).build();
            tasks.forEach(task -> a.track(task, RecordStatus.NOTIFIED));
            a.start();
            assertThat(time.advanceUntil(() -> service.requests() >= 12, Duration.ofMillis(100),
                    Duration.ofSeconds(5))).isTrue();
            a.close(); // killed
            try (RecordingTracker b = RecordingTracker.over(service.replica()).timeSource(time).clock(time)
                    .store(storeB).listener(heard).build().start()) {
                assertThat(time.advanceUntil(() -> ends.size() == 12, Duration.ofMillis(100),
                        Duration.ofSeconds(60))).isTrue();
                assertThat(ends).extracting(TaskEnd::task).containsExactlyInAnyOrderElementsOf(tasks);
                assertThat(storeB.count()).isZero();
            }
        }
    }

    @Test
    void theSharedBudgetKeepsItsRateInTheCluster() {
        String quotaKey = quotaKeyNotOnTheSeed();
        JumpingTime time = new JumpingTime();
        RedisPermitSource.Builder builder = RedisPermitSource.builder(cluster.seed(), quotaKey).cluster()
                .timeSource(time).redisTimeout(Duration.ofSeconds(2)).requestsPerSecond(20);
        try (RedisPermitSource creator = builder.build()) {
            creator.acquire().release(); // a new budget grants nothing for one window
            time.advanceMillis(1100);
        }
        try (RedisPermitSource a = builder.build(); RedisPermitSource b = builder.build()) {
            for (int i = 0; i < 30; i++) {
                take(a, time);
                take(b, time);
            }
            assertThat(time.mostRequestsInAnySecond()).isEqualTo(20);
            assertThat(a.checkSettings()).isTrue();
        }
        assertThat(nodesHolding("gme-recording:ratelimit:{DescribeRecordInfo:" + quotaKey + "}:*"))
                .as("one node, not the one the clients were given").hasSize(1).doesNotContain(0);
    }

    /** A quota key whose budget lives on another master than the seed (which holds slots 0 to 5460). */
    private static String quotaKeyNotOnTheSeed() {
        for (int i = 0; ; i++) {
            String candidate = "AKIDcluster" + i;
            String slot = cluster.nodes().get(0).command("CLUSTER", "KEYSLOT",
                    "{DescribeRecordInfo:" + candidate + "}");
            if (Integer.parseInt(slot.replaceAll("[^0-9]", "")) > 16384 / 3) {
                return candidate;
            }
        }
    }

    private static void take(PermitSource source, JumpingTime time) {
        PermitSource.Permit permit = source.acquire();
        time.requestSent();
        permit.release();
    }
}
