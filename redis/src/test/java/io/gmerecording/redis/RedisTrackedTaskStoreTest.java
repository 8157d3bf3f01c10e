package io.gmerecording.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.policy.StoredTask;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackedTaskStore;
import io.gmerecording.testing.SteppedTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract against a real redis-server, two replicas at once, on stepped time. */
class RedisTrackedTaskStoreTest {

    private static final TaskRef ONE = TaskRef.of(1400000000L, 446192236330927912L);
    private static final TaskRef TWO = TaskRef.of(1400000000L, 2);

    private static LocalRedis redis;
    private final SteppedTime time = new SteppedTime();
    private RedisTrackedTaskStore a;
    private RedisTrackedTaskStore b;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void stores() {
        redis.command("FLUSHALL");
        a = store("a");
        b = store("b");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private RedisTrackedTaskStore store(String replica) {
        return RedisTrackedTaskStore.builder(redis.location()).replica(replica).clock(time)
                .lease(Duration.ofSeconds(10)).deliveryTime(Duration.ofSeconds(30)).build();
    }

    private StoredTask stored(TaskRef task, RecordStatus status) {
        Instant now = time.instant();
        return StoredTask.of(task, RecordStatus.NOTIFIED, now, now.plus(Duration.ofHours(6)), status, now);
    }

    @Test
    void aTaskIsHeldByOneReplicaUntilItsLeaseLapsesThenTakenOverWithItsState() {
        assertThat(a.add(stored(ONE, null))).isTrue();
        assertThat(b.add(stored(ONE, null))).as("tracked already, by a").isFalse();
        assertThat(a.add(stored(TWO, null))).isTrue();
        StoredTask seen = stored(ONE, RecordStatus.TRANSCODING);
        assertThat(a.update(List.of(seen))).isEmpty();
        assertThat(b.update(List.of(stored(TWO, RecordStatus.RECORDING)))).as("b holds neither").containsExactly(TWO);
        assertThat(a.held()).containsExactlyInAnyOrder(ONE, TWO);
        assertThat(b.takeOver(100)).as("a's lease holds").isEmpty();

        time.advance(Duration.ofSeconds(11));
        assertThat(b.renew()).as("b's first lease").isTrue();
        assertThat(b.takeOver(1)).as("one at a time, as many as asked").hasSize(1);
        assertThat(b.takeOver(100)).hasSize(1);
        assertThat(b.held()).containsExactlyInAnyOrder(ONE, TWO);
        assertThat(a.renew()).as("a learns its lease had lapsed").isFalse();
        assertThat(a.held()).isEmpty();
        assertThat(a.update(List.of(seen))).containsExactly(ONE);
        assertThat(a.end(TaskEnd.recorded("x", ONE, TaskEnd.Outcome.REACHED, RecordStatus.NOTIFIED, null, null)))
                .as("not a's to end any more").isEmpty();
        assertThat(b.count()).isEqualTo(2);

        time.advance(Duration.ofSeconds(11));
        assertThat(a.renew()).isFalse();
        b.renew();
        a.renew();
        RedisTrackedTaskStore c = store("c");
        try {
            assertThat(c.takeOver(100)).as("both lively").isEmpty();
        } finally {
            c.close();
        }
    }

    @Test
    void aTakenOverTaskKeepsWhatWasSeenOfIt() {
        StoredTask seen = stored(ONE, RecordStatus.UPLOADING);
        a.add(stored(ONE, null));
        a.update(List.of(seen));
        time.advance(Duration.ofSeconds(11));
        assertThat(b.takeOver(10)).containsExactly(seen);
    }

    @Test
    void anEndIsRecordedOnceAndGivenAgainUntilAcknowledgedWithEverythingAListenerNeeds() {
        a.add(stored(ONE, RecordStatus.UPLOADED));
        a.add(stored(TWO, RecordStatus.RECORDING));
        RecordingTask answer = RecordingTask.of(ONE, "room 7", 3, List.of(Recording.of("1001", "a/b.mp3",
                Instant.parse("2026-11-24T10:00:00Z"), 14), Recording.of("0", "a/mix.mp3",
                Instant.parse("2026-11-24T10:00:00Z"), 14)), "request-1");
        String reached = a.end(TaskEnd.recorded("-", ONE, TaskEnd.Outcome.REACHED, RecordStatus.NOTIFIED, answer,
                null)).orElseThrow();
        String failed = a.end(TaskEnd.recorded("-", TWO, TaskEnd.Outcome.FAILED, RecordStatus.RECORDING, null,
                ErrorCodes.exception("ResourceNotFound.TaskNotFound", "The task does not exist.", "request-2")))
                .orElseThrow();
        assertThat(a.end(TaskEnd.recorded("-", ONE, TaskEnd.Outcome.REACHED, null, null, null))).as("once").isEmpty();
        assertThat(a.count()).isZero();
        assertThat(reached).isNotEqualTo(failed);

        assertThat(b.takeUndelivered(10)).as("within its delivery time").isEmpty();
        a.acknowledge(failed);
        time.advance(Duration.ofSeconds(31));
        List<TaskEnd> again = b.takeUndelivered(10);
        assertThat(again).singleElement().satisfies(end -> {
            assertThat(end.id()).contains(reached);
            assertThat(end.task()).isEqualTo(ONE);
            assertThat(end.outcome()).isEqualTo(TaskEnd.Outcome.REACHED);
            assertThat(end.lastStatus()).contains(RecordStatus.NOTIFIED);
            assertThat(end.lastAnswer()).contains(answer);
        });
        assertThat(a.takeUndelivered(10)).as("b has it for another delivery time").isEmpty();
        b.acknowledge(reached);
        b.acknowledge(reached);
        time.advance(Duration.ofSeconds(31));
        assertThat(a.takeUndelivered(10)).isEmpty();
    }

    @Test
    void aFailedEndKeepsItsError() {
        a.add(stored(TWO, null));
        a.end(TaskEnd.recorded("-", TWO, TaskEnd.Outcome.FAILED, null, null,
                ErrorCodes.exception("AuthFailure.SignatureFailure", "The signature is wrong.", "request-9")));
        time.advance(Duration.ofSeconds(31));
        TaskEnd end = b.takeUndelivered(1).get(0);
        assertThat(end.lastStatus()).isEmpty();
        assertThat(end.error()).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo("AuthFailure.SignatureFailure");
            assertThat(error.detail()).isEqualTo("The signature is wrong.");
            assertThat(error.requestId()).contains("request-9");
        });
    }

    @Test
    void hintsGoToTheHolderOnlyAndRemovedTasksAreGoneEverywhere() {
        a.add(stored(ONE, RecordStatus.RECORDING));
        assertThat(b.hint(ONE, RecordStatus.AWAITING_TRANSCODE)).isTrue();
        assertThat(b.hint(ONE, RecordStatus.UPLOADED)).isTrue();
        assertThat(b.hint(TWO, RecordStatus.UPLOADED)).as("not tracked").isFalse();
        assertThat(b.takeHints()).isEmpty();
        Map<TaskRef, List<RecordStatus>> hints = a.takeHints();
        assertThat(hints).containsExactly(Map.entry(ONE, List.of(RecordStatus.AWAITING_TRANSCODE,
                RecordStatus.UPLOADED)));
        assertThat(a.takeHints()).as("each once").isEmpty();

        assertThat(b.remove(ONE)).isTrue();
        assertThat(b.remove(ONE)).isFalse();
        assertThat(a.held()).isEmpty();
        assertThat(a.update(List.of(stored(ONE, RecordStatus.UPLOADED)))).containsExactly(ONE);
    }

    @Test
    void aHandOverLetsTheOthersTakeTheTasksAtOnce() {
        a.add(stored(ONE, null));
        b.renew();
        a.handOver();
        assertThat(b.takeOver(10)).extracting(StoredTask::task).containsExactly(ONE);
    }

    @Test
    void everyKeyHasTheStoresHashTagAndNoTtl() {
        a.add(stored(ONE, null));
        a.hint(ONE, RecordStatus.UPLOADED);
        a.end(TaskEnd.recorded("-", ONE, TaskEnd.Outcome.TIMED_OUT, null, null, null));
        a.add(stored(TWO, null));
        String keys = redis.command("KEYS", "*");
        assertThat(keys.replaceAll("[\\[\\] ]", "").split(",")).isNotEmpty()
                .allSatisfy(key -> assertThat(key).startsWith("gme-recording:tracker:{default}:"));
        assertThat(redis.command("TTL", "gme-recording:tracker:{default}:tasks")).isEqualTo("[-1]");
    }

    @Test
    void withRedisAwayEveryCallIsUnavailableNamingTheLocationButNoPassword() {
        RedisTrackedTaskStore nowhere = RedisTrackedTaskStore.builder(RedisLocation.parse(
                "redis://:s3cret-password@127.0.0.1:9")).redisTimeout(Duration.ofMillis(300)).build();
        try {
            assertThatThrownBy(() -> nowhere.add(stored(ONE, null))).isInstanceOf(TrackedTaskStore.Unavailable.class)
                    .hasMessageContaining("127.0.0.1:9").hasMessageNotContaining("s3cret");
            assertThat(nowhere.toString()).doesNotContain("s3cret");
        } finally {
            nowhere.close();
        }
    }

    /** What the README's sizing says: a tracked task, its holder and a hint-free entry take about this much. */
    @Test
    void aTrackedTaskTakesAFewHundredBytesOfRedis() {
        int tasks = 2000;
        RedisTrackedTaskStore pod = RedisTrackedTaskStore.builder(redis.location()).clock(time).build();
        long before = usedMemory();
        for (int id = 1; id <= tasks; id++) {
            pod.add(stored(TaskRef.of(1400000000L, 446192236330927912L + id), null));
        }
        List<StoredTask> seen = new java.util.ArrayList<>();
        for (int id = 1; id <= tasks; id++) {
            seen.add(stored(TaskRef.of(1400000000L, 446192236330927912L + id), RecordStatus.TRANSCODING));
        }
        pod.update(seen);
        long perTask = (usedMemory() - before) / tasks;
        pod.close();
        System.out.println("bytes of Redis per tracked task (" + tasks + " tasks, 19-digit TaskIds, 36-character "
                + "replica name): " + perTask);
        assertThat(perTask).isBetween(50L, 400L);
    }

    private static long usedMemory() {
        String info = redis.command("INFO", "memory");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used_memory:(\\d+)").matcher(info);
        assertThat(used.find()).as(info).isTrue();
        return Long.parseLong(used.group(1));
    }

    @Test
    void badSettingsAreRefusedByName() {
        RedisTrackedTaskStore.Builder builder = RedisTrackedTaskStore.builder(redis.location());
        assertThatThrownBy(() -> builder.name("two words")).hasMessageContaining("\"two words\"");
        assertThatThrownBy(() -> builder.keyPrefix("a{b}")).hasMessageContaining("hash tag");
        assertThatThrownBy(() -> builder.lease(Duration.ofMillis(10))).hasMessageContaining("lease must be at least");
        assertThatThrownBy(() -> builder.replica("")).hasMessageContaining("replica");
    }
}
