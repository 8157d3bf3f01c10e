package io.gmerecording.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TrackedTaskStore;
import io.gmerecording.redis.LocalRedis;
import io.gmerecording.redis.RedisTrackedTaskStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;

/**
 * gme.recording.tracker.store.*: the tracker keeps its tasks in Redis, under the replica name given, and hands them
 * over when the application stops; a bad value or a missing module is named at start-up; unset, nothing changes.
 */
class TrackedTaskStoreConfigurationTest extends AgainstTheEmulator {

    private static final TaskRef SEED = TaskRef.of(3400352518L, 446192236330927912L);

    @Test
    void theTrackerKeepsItsTasksInTheNamedRedisAndHandsThemOverOnShutdown() {
        try (LocalRedis redis = LocalRedis.start()) {
            runner.withPropertyValues("gme.recording.tracker.store.uri=redis://127.0.0.1:" + redis.port(),
                    "gme.recording.tracker.store.name=orders", "gme.recording.tracker.store.replica=pod-7",
                    "gme.recording.tracker.store.lease=20s").run(context -> {
                        RecordingTracker tracker = context.getBean(RecordingTracker.class);
                        assertThat(tracker.store()).isInstanceOf(RedisTrackedTaskStore.class)
                                .isSameAs(context.getBean(TrackedTaskStore.class));
                        assertThat(((RedisTrackedTaskStore) tracker.store()).replica()).isEqualTo("pod-7");
                        assertThat(tracker.track(SEED, RecordStatus.NOTIFIED)).isTrue();
                        assertThat(redis.command("HGET", "gme-recording:tracker:{orders}:holders",
                                "3400352518:446192236330927912")).isEqualTo("[pod-7]");
                    });
            String lease = redis.command("ZSCORE", "gme-recording:tracker:{orders}:leases", "pod-7");
            long leaseEnd = (long) Double.parseDouble(lease.replaceAll("[\\[\\]]", ""));
            assertThat(leaseEnd).as("handed over on shutdown: the lease ended").isLessThan(System.currentTimeMillis());
            assertThat(redis.command("HLEN", "gme-recording:tracker:{orders}:tasks")).as("the task stays for the "
                    + "other replicas").isEqualTo("[1]");
        }
    }

    @Test
    void withoutAStoreUriTheTasksLiveInTheJvm() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(TrackedTaskStore.class);
            assertThat(context.getBean(RecordingTracker.class).store().shared()).isFalse();
        });
    }

    @Test
    void aBadValueOrAMissingModuleIsNamedAtStartUp() {
        runner.withPropertyValues("gme.recording.tracker.store.uri=http://:s3cret@redis:6379").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gme.recording.tracker.store.uri")
                    .hasMessageNotContaining("s3cret");
        });
        runner.withPropertyValues("gme.recording.tracker.store.uri=redis://127.0.0.1:9",
                "gme.recording.tracker.store.replica=two words").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("gme.recording.tracker.store.replica");
                });
        runner.withClassLoader(new FilteredClassLoader("io.gmerecording.redis"))
                .withPropertyValues("gme.recording.tracker.store.uri=redis://:s3cret@127.0.0.1:9").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("gme-recording-redis").hasMessageNotContaining("s3cret");
                });
    }
}
