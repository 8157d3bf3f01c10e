package io.gmerecording.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.redis.LocalRedis;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.FilteredClassLoader;

/**
 * gmeRecording's health: DOWN while the shared budget's Redis is stopped, UP again once it is back; the gmerecording
 * endpoint shows the shared budget; neither exists without Actuator.
 */
class HealthIndicatorTest extends AgainstTheEmulator {

    @Test
    void downWhileTheSharedBudgetsRedisIsStoppedAndUpWhenItIsBack() {
        try (LocalRedis redis = LocalRedis.start()) {
            runner.withPropertyValues("gme.recording.shared-limit.uri=redis://127.0.0.1:" + redis.port() + "/2",
                    "gme.recording.shared-limit.redis-timeout=500ms").run(context -> {
                        HealthIndicator health = context.getBean("gmeRecordingHealthIndicator",
                                HealthIndicator.class);
                        Health up = health.health();
                        assertThat(up.getStatus()).as(up.toString()).isEqualTo(Status.UP);
                        assertThat(up.getDetails()).containsEntry("credentials", "resolvable")
                                .containsKey("sharedLimit");
                        assertThat(up.getDetails().get("tracker").toString()).startsWith("running");

                        Map<String, Object> budget = budget(context.getBean(GmeRecordingEndpoint.class));
                        assertThat(budget).containsEntry("scope", "shared through Redis");
                        assertThat(budget.get("redis").toString()).contains("Redis answers");

                        redis.stop();
                        Health down = health.health();
                        redis.restart();
                        Health back = within(() -> health.health(), Status.UP);

                        assertThat(down.getStatus()).as(down.toString()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails().get("sharedLimit").toString()).contains("Redis does not answer");
                        assertThat(down.toString()).doesNotContain(AcceptedKey.DEMO.secretKey());
                        assertThat(back.getStatus()).as(back.toString()).isEqualTo(Status.UP);
                    });
        }
    }

    @Test
    void withoutASharedLimitItIsUpWithTheCredentialsAndTheTracker() {
        runner.run(context -> {
            Health health = context.getBean("gmeRecordingHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).doesNotContainKey("sharedLimit").containsKey("tracker");
        });
    }

    @Test
    void withoutActuatorThereIsNeitherTheHealthNorTheEndpoint() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("gmeRecordingHealthIndicator");
            assertThat(context).doesNotHaveBean(GmeRecordingEndpoint.class);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> budget(GmeRecordingEndpoint endpoint) {
        return (Map<String, Object>) endpoint.state().get("budget");
    }

    /** The health once it shows {@code status}, asked again until 15 s have passed (Redis reconnects by itself). */
    private static Health within(Supplier<Health> health, Status status) {
        long until = System.nanoTime() + 15_000_000_000L;
        Health last = health.get();
        while (!last.getStatus().equals(status) && until - System.nanoTime() > 0) {
            last = health.get();
        }
        return last;
    }
}
