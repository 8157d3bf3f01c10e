package io.gmerecording.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.micrometer.MicrometerRecordingObserver;
import io.gmerecording.redis.LocalRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GmeRecordingAutoConfigurationTest extends AgainstTheEmulator {


    @Configuration(proxyBeanMethods = false)
    static class WithMeters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WithOwnQuery {
        @Bean
        RecordingQuery myQuery() {
            return task -> {
                throw new AssertionError("never called");
            };
        }
    }

    @Test
    void fromPropertiesAlonePortTrackerAndLimitAnswerAgainstTheEmulator() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RecordingQuery.class)
                    .hasSingleBean(io.gmerecording.core.RecordingControl.class)
                    .hasSingleBean(RecordingTracker.class).hasSingleBean(CredentialsProvider.class)
                    .doesNotHaveBean(RecordingObserver.class);
            assertThat(context.getBean(GmeRecording.class).toString()).contains("HttpTransport")
                    .contains("DESCRIBE_RECORD_INFO=RateLimiter[20.0/s");
            RecordingQuery query = context.getBean(RecordingQuery.class);
            assertThat(query.describe(TaskRef.of(3400352518L, 446192236330927912L)).roomId()).isEqualTo("7743");
            assertThatThrownBy(() -> query.describe(TaskRef.of(3400352518L, 42)))
                    .isInstanceOf(TaskNotFoundException.class);
            assertThat(context.getBean(RecordingTracker.class).track(TaskRef.of(1, 2), RecordStatus.NOTIFIED))
                    .as("started and accepting tasks").isTrue();
        });
    }

    @Test
    void theSdkAdapterOnRequest() {
        runner.withPropertyValues("gme.recording.adapter=sdk").run(context -> {
            assertThat(context.getBean(GmeRecording.class).toString()).contains("SdkTransport");
            assertThat(context.getBean(RecordingQuery.class).describe(TaskRef.of(3400352518L, 446192236330927912L))
                    .roomId()).isEqualTo("7743");
        });
    }

    @Test
    void metricsWhenTheApplicationHasAMeterRegistry() {
        runner.withUserConfiguration(WithMeters.class).run(context -> {
            assertThat(context).hasSingleBean(MicrometerRecordingObserver.class);
            context.getBean(RecordingQuery.class).describe(TaskRef.of(3400352518L, 446192236330927912L));
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(MicrometerRecordingObserver.REQUESTS).tag("adapter", "http")
                    .tag("outcome", "success").tag("error.code", "none").timer().count()).isEqualTo(1);
            assertThat(meters.get(MicrometerRecordingObserver.TRACKER_TASKS).gauge().value()).isZero();
        });
    }

    @Test
    void everyBeanBacksOffForTheApplicationsOwn() {
        runner.withUserConfiguration(WithOwnQuery.class).withPropertyValues("gme.recording.tracker.enabled=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(RecordingQuery.class).hasBean("myQuery")
                            .doesNotHaveBean(RecordingTracker.class);
                });
    }

    @Test
    void aSharedLimitUriMakesEachActionsBudgetARedisOneClosedAtShutdown() {
        try (LocalRedis redis = LocalRedis.start()) {
            runner.withPropertyValues("gme.recording.shared-limit.uri=redis://127.0.0.1:" + redis.port() + "/2",
                    "gme.recording.shared-limit.fallback-replicas=3").run(context -> {
                        assertThat(context.getBean(GmeRecording.class).toString())
                                .contains("DESCRIBE_RECORD_INFO=RedisPermitSource[20.0/s shared at redis://127.0.0.1:"
                                        + redis.port() + "/2, falls back to " + (20.0 / 3) + "/s]");
                        assertThat(connectionsToDatabase2(redis)).as("the shared limit's connection").isPositive();
                    });
            // the server drops a closed connection from its list a moment after the client has closed it
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (connectionsToDatabase2(redis) > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(connectionsToDatabase2(redis)).as("closed with the context").isZero();
        }
    }

    /** Clients of database 2, the shared limit's (the one asking uses database 0). */
    private static long connectionsToDatabase2(LocalRedis redis) {
        return redis.command("CLIENT", "LIST").lines().filter(line -> line.contains(" db=2 ")).count();
    }

    @Configuration(proxyBeanMethods = false)
    static class WithCustomizers {
        static final List<String> calls = new ArrayList<>();

        @Bean
        @org.springframework.core.annotation.Order(2)
        GmeRecordingCustomizer noRetries() {
            return builder -> {
                calls.add("no retries");
                builder.retry(RetryPolicy.none());
            };
        }

        @Bean
        @org.springframework.core.annotation.Order(1)
        GmeRecordingCustomizer observed() {
            return builder -> {
                calls.add("observed");
                builder.observer(new RecordingObserver() {
                    @Override
                    public Attempt attemptStarted(Request request) {
                        calls.add(request.adapter() + " #" + request.attempt());
                        return Attempt.IGNORED;
                    }
                });
            };
        }
    }

    @Test
    void customizersChangeTheClientsBuilderInOrderAfterTheProperties() {
        WithCustomizers.calls.clear();
        runner.withUserConfiguration(WithCustomizers.class).withPropertyValues("gme.recording.max-attempts=5")
                .run(context -> {
                    assertThatThrownBy(() -> context.getBean(RecordingQuery.class).describe(TaskRef.of(3400352518L,
                            42))).isInstanceOf(TaskNotFoundException.class);
                    assertThat(WithCustomizers.calls).containsExactly("observed", "no retries", "http #1");
                });
    }

    @Test
    void aRedisThatRefusesThePasswordFailsStartupNamingThePropertyWithoutThePassword() {
        try (LocalRedis guarded = LocalRedis.start()) {
            guarded.command("CONFIG", "SET", "requirepass", "the-right-one");
            runner.withPropertyValues("gme.recording.shared-limit.uri=redis://:a-wrong-one@127.0.0.1:"
                    + guarded.port()).run(context -> assertThat(context).hasFailed().getFailure().satisfies(failure ->
                            assertThat(messages(failure)).contains("gme.recording.shared-limit.uri")
                                    .contains("authentication failed").doesNotContain("a-wrong-one")));
        }
    }

    @Test
    void theTrackerIsClosedAtShutdown() {
        List<RecordingTracker> trackers = new ArrayList<>();
        runner.run(context -> trackers.add(context.getBean(RecordingTracker.class)));
        assertThatThrownBy(() -> trackers.get(0).track(TaskRef.of(1, 2), RecordStatus.NOTIFIED))
                .hasMessageContaining("closed");
    }

    @Test
    void aMisspelledPropertyFailsStartupWithItsName() {
        runner.withPropertyValues("gme.recording.max-atempts=3").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("gme.recording.max-atempts"));
    }

    @Test
    void badValuesFailStartupNamingTheProperty() {
        String[][] cases = {
            {"gme.recording.adapter=grpc", "gme.recording.adapter"},
            {"gme.recording.max-attempts=0", "gme.recording.max-attempts"},
            {"gme.recording.max-requests-per-second=0", "gme.recording.max-requests-per-second"},
            {"gme.recording.endpoint=ftp://gme.example.com", "gme.recording.endpoint"},
            {"gme.recording.request-timeout=-1s", "gme.recording.request-timeout"},
            {"gme.recording.tracker.concurrency=0", "gme.recording.tracker.concurrency"},
            {"gme.recording.tracker.interval=0s", "gme.recording.tracker.interval"},
            {"gme.recording.shared-limit.uri=http://cache:6379", "gme.recording.shared-limit.uri"},
            {"gme.recording.shared-limit.fallback-replicas=2", "gme.recording.shared-limit.fallback-replicas"},
        };
        for (String[] bad : cases) {
            runner.withPropertyValues(bad[0]).run(context -> assertThat(context).as(bad[0]).hasFailed()
                    .getFailure().satisfies(failure -> assertThat(messages(failure)).contains(bad[1])));
        }
    }

    @Test
    void aKeyWithoutItsIdFailsNamingTheMissingOneAndNeverShowsTheKey() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GmeRecordingAutoConfiguration.class))
                .withPropertyValues("gme.recording.credentials.secret-key=very-secret-key-value")
                .run(context -> assertThat(context).hasFailed().getFailure().satisfies(failure ->
                        assertThat(messages(failure)).contains("gme.recording.credentials.secret-id")
                                .doesNotContain("very-secret-key-value")));
    }

    @Test
    void aSecretTheServiceCouldNeverAcceptFailsStartupNamingThePropertyWithoutItsValue() {
        for (String property : new String[] {"secret-key", "token"}) {
            runner.withPropertyValues("gme.recording.credentials." + property + "=half of a key")
                    .run(context -> assertThat(context).hasFailed().getFailure().satisfies(failure ->
                            assertThat(messages(failure)).contains("gme.recording.credentials." + property)
                                    .contains("printable ASCII without spaces").doesNotContain("half of a key")));
        }
    }

    @Test
    void theSecretsAreMaskedInEveryActuatorViewOfTheProperties() {
        runner.run(context -> {
            org.springframework.boot.actuate.endpoint.SanitizingFunction sanitizing =
                    context.getBean(org.springframework.boot.actuate.endpoint.SanitizingFunction.class);
            java.util.function.BiFunction<String, Boolean, Object> shown = (key, fromEnvironment) ->
                    sanitizing.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(fromEnvironment
                            ? new org.springframework.core.env.MapPropertySource("test", java.util.Map.of()) : null,
                            key, "the-value")).getValue();
            for (String secret : new String[] {"gme.recording.credentials.secret-key",
                "gme.recording.credentials.token", "GME_RECORDING_CREDENTIALS_SECRET_KEY",
                "GME_RECORDING_CREDENTIALS_TOKEN"}) {
                assertThat(shown.apply(secret, true)).as(secret).isEqualTo("******");
            }
            assertThat(shown.apply("gme.recording.credentials.secretKey", false)).isEqualTo("******");
            assertThat(shown.apply("gme.recording.credentials.token", false)).isEqualTo("******");
            assertThat(shown.apply("gme.recording.credentials.secret-id", true)).isEqualTo("the-value");
            assertThat(shown.apply("gme.recording.endpoint", true)).isEqualTo("the-value");
        });
    }

    @Test
    void configurationMetadataListsEveryPropertyForIdes() throws Exception {
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode properties = new ObjectMapper().readTree(metadata).get("properties");
            List<String> names = new ArrayList<>();
            properties.forEach(property -> names.add(property.get("name").asText()));
            assertThat(names).contains("gme.recording.adapter", "gme.recording.endpoint", "gme.recording.region",
                    "gme.recording.language", "gme.recording.connect-timeout", "gme.recording.request-timeout",
                    "gme.recording.max-attempts", "gme.recording.max-requests-per-second",
                    "gme.recording.shared-limit.uri", "gme.recording.credentials.secret-id",
                    "gme.recording.credentials.secret-key", "gme.recording.tracker.enabled");
            properties.forEach(property -> assertThat(property.has("description"))
                    .as(property.get("name").asText()).isTrue());
        }
    }

    /** A failure's messages, causes included. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
