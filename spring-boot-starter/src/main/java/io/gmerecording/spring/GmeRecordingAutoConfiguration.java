package io.gmerecording.spring;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingQueryBuilder;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.core.policy.RateLimiter;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.RecordingQueries;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskChange;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.credentials.CredentialsChain;
import io.gmerecording.http.HttpRecordingQuery;
import io.gmerecording.micrometer.MicrometerRecordingObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Configuration;

/**
 * The port from {@code gme.recording.*}: credentials, a rate limit (in-process, or shared through Redis), a resilient
 * {@link RecordingQuery}, a started {@link RecordingTracker}, and Micrometer observations when the application has a
 * {@link MeterRegistry}. Every bean backs off when the application defines its own; all are closed at shutdown.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@EnableConfigurationProperties(GmeRecordingProperties.class)
@Import(SecretSanitizing.class)
public class GmeRecordingAutoConfiguration {

    private static final String PREFIX = "gme.recording.";

    /** The adapter itself, shared by the resilient query and the tracker, and closed after both. */
    public static final class Transport implements AutoCloseable {
        private final RecordingQuery adapter;
        private final String name;

        Transport(RecordingQuery adapter, String name) {
            this.adapter = adapter;
            this.name = name;
        }

        @Override
        public void close() {
            adapter.close();
        }

        @Override
        public String toString() {
            return "Transport[" + adapter + "]";
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public CredentialsProvider gmeRecordingCredentials(GmeRecordingProperties properties) {
        GmeRecordingProperties.Credentials given = properties.getCredentials();
        boolean id = given.getSecretId() != null && !given.getSecretId().isBlank();
        boolean key = given.getSecretKey() != null && !given.getSecretKey().isBlank();
        if (!id && !key) {
            return CredentialsChain.standard();
        }
        if (!key) {
            throw invalid("credentials.secret-key", "<unset>", "credentials.secret-id is set, so the key is needed too");
        }
        if (!id) {
            throw invalid("credentials.secret-id", "<unset>", "credentials.secret-key is set, so the id is needed too");
        }
        sendable("credentials.secret-id", given.getSecretId());
        sendable("credentials.secret-key", given.getSecretKey());
        if (given.getToken() != null && !given.getToken().isBlank()) {
            sendable("credentials.token", given.getToken());
        }
        Credentials credentials = given.getToken() == null || given.getToken().isBlank()
                ? Credentials.of(given.getSecretId(), given.getSecretKey())
                : Credentials.of(given.getSecretId(), given.getSecretKey(), given.getToken());
        return () -> credentials;
    }

    /**
     * A value the service could never accept (a space, a line break, a non-ASCII character, over 4096 characters)
     * fails start-up naming the property, never showing the value: otherwise the application starts and every
     * request fails.
     */
    private static void sendable(String property, String value) {
        if (value.length() > 4096 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid(property, "<not shown>", "must be printable ASCII without spaces, at most 4096 characters; "
                    + "the service could never accept it");
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public PermitSource gmeRecordingPermits(GmeRecordingProperties properties, CredentialsProvider credentials) {
        double rate = properties.getMaxRequestsPerSecond();
        if (!(rate > 0) || rate > 1000) {
            throw invalid("max-requests-per-second", rate, "must be above 0 and at most 1000");
        }
        Duration wait = properties.getMaxRateLimitWait();
        if (wait == null || wait.isNegative()) {
            throw invalid("max-rate-limit-wait", wait, "must not be negative");
        }
        GmeRecordingProperties.SharedLimit shared = properties.getSharedLimit();
        if (shared.getUri() == null || shared.getUri().isBlank()) {
            if (shared.getFallbackReplicas() != null) {
                throw invalid("shared-limit.fallback-replicas", shared.getFallbackReplicas(),
                        "needs gme.recording.shared-limit.uri");
            }
            return RateLimiter.perSecond(rate).maxWait(wait).build();
        }
        return SharedLimits.open(shared, rate, wait, credentials);
    }

    @Bean
    @ConditionalOnMissingBean
    public Transport gmeRecordingTransport(GmeRecordingProperties properties, CredentialsProvider credentials) {
        RecordingQueryBuilder<?, ?> builder = adapterBuilder(properties.getAdapter());
        set("endpoint", properties.getEndpoint(), () -> builder.endpoint(properties.getEndpoint()));
        set("region", properties.getRegion(), () -> builder.region(properties.getRegion()));
        set("language", properties.getLanguage(), () -> builder.language(properties.getLanguage()));
        set("connect-timeout", properties.getConnectTimeout(),
                () -> builder.connectTimeout(properties.getConnectTimeout()));
        set("request-timeout", properties.getRequestTimeout(),
                () -> builder.requestTimeout(properties.getRequestTimeout()));
        try {
            return new Transport(builder.credentialsProvider(credentials).build(),
                    properties.getAdapter().name().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException refused) {
            // the builder checks some values only as a whole (the endpoint's scheme and host); its message starts
            // with the setting's name
            for (String[] setting : new String[][] {{"endpoint", "endpoint"}, {"region", "region"},
                {"language", "language"}, {"connectTimeout", "connect-timeout"},
                {"requestTimeout", "request-timeout"}}) {
                if (String.valueOf(refused.getMessage()).startsWith(setting[0])) {
                    throw invalid(setting[1], "<see reason>", refused.getMessage());
                }
            }
            throw refused;
        }
    }

    /** The transport's builder; the SDK one only when adapter-sdk is on the class path. */
    private static RecordingQueryBuilder<?, ?> adapterBuilder(GmeRecordingProperties.Adapter adapter) {
        if (adapter == GmeRecordingProperties.Adapter.HTTP) {
            return HttpRecordingQuery.builder();
        }
        try {
            Class.forName("io.gmerecording.sdk.SdkRecordingQuery", false,
                    GmeRecordingAutoConfiguration.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw invalid("adapter", "sdk", "add io.gmerecording:gme-recording-adapter-sdk to the application");
        }
        return SdkAdapter.builder();
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public RecordingQuery gmeRecordingQuery(GmeRecordingProperties properties, Transport transport,
            PermitSource permits, ObjectProvider<RecordingObserver> observers) {
        int attempts = properties.getMaxAttempts();
        if (attempts < 1 || attempts > 20) {
            throw invalid("max-attempts", attempts, "must be between 1 and 20");
        }
        // not closed here: closing it would close the adapter, which the transport bean closes after the tracker
        return RecordingQueries.resilient(transport.adapter).maxAttempts(attempts).permits(permits)
                .observer(observers.getIfAvailable(() -> RecordingObserver.NONE)).adapterName(transport.name)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "gme.recording.tracker", name = "enabled", matchIfMissing = true)
    public RecordingTracker gmeRecordingTracker(GmeRecordingProperties properties, Transport transport,
            PermitSource permits, ObjectProvider<RecordingObserver> observers,
            ObjectProvider<TrackerListener> listeners) {
        GmeRecordingProperties.Tracker settings = properties.getTracker();
        if (settings.getConcurrency() < 1 || settings.getConcurrency() > 256) {
            throw invalid("tracker.concurrency", settings.getConcurrency(), "must be between 1 and 256");
        }
        RecordingTracker.Builder builder = RecordingTracker.over(transport.adapter).permits(permits)
                .observer(observers.getIfAvailable(() -> RecordingObserver.NONE))
                .listener(allOf(listeners.orderedStream().toList()))
                .concurrency(settings.getConcurrency());
        set("tracker.timeout", settings.getTimeout(), () -> builder.timeout(settings.getTimeout()));
        for (RecordStatus status : RecordStatus.values()) {
            if (status == RecordStatus.UNRECOGNIZED) {
                continue; // a status this version does not know keeps the library's interval
            }
            boolean recording = status == RecordStatus.RECORDING;
            Duration interval = recording ? settings.getRecordingInterval() : settings.getInterval();
            set(recording ? "tracker.recording-interval" : "tracker.interval", interval,
                    () -> builder.interval(status, interval));
        }
        return builder.build().start();
    }

    private static TrackerListener allOf(List<TrackerListener> listeners) {
        return new TrackerListener() {
            @Override
            public void onChange(TaskChange change) {
                listeners.forEach(listener -> listener.onChange(change));
            }

            @Override
            public void onEnd(TaskEnd end) {
                listeners.forEach(listener -> listener.onEnd(end));
            }
        };
    }

    /** Micrometer observations and meters, when the application has a MeterRegistry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean(RecordingObserver.class)
        MicrometerRecordingObserver gmeRecordingObserver(MeterRegistry meters,
                ObjectProvider<ObservationRegistry> observations) {
            ObservationRegistry registry = observations.getIfAvailable();
            return registry == null ? MicrometerRecordingObserver.of(meters)
                    : MicrometerRecordingObserver.of(registry, meters);
        }

        @Bean
        SmartInitializingSingleton gmeRecordingTrackerMeters(ObjectProvider<MicrometerRecordingObserver> observer,
                ObjectProvider<RecordingTracker> tracker) {
            return () -> observer.ifAvailable(micrometer -> tracker.ifAvailable(micrometer::bindTracker));
        }
    }

    /** Applies one setting, naming the property when the library refuses its value. */
    static void set(String property, Object value, Runnable apply) {
        if (value == null) {
            return;
        }
        try {
            apply.run();
        } catch (IllegalArgumentException | RecordingQueryException e) {
            throw invalid(property, value, e.getMessage());
        }
    }

    static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(PREFIX + property, value, reason);
    }
}
