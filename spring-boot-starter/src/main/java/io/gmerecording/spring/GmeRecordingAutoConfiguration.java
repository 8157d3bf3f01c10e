package io.gmerecording.spring;

import io.gmerecording.callbacks.CallbackEndpoint;
import io.gmerecording.callbacks.CallbackListener;
import io.gmerecording.callbacks.CallbackReceiver;
import io.gmerecording.callbacks.RecordingEvent;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordingControl;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.core.policy.TrackedTaskStore;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.credentials.CredentialsChain;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.micrometer.MicrometerRecordingObserver;
import io.gmerecording.redis.RedisPermitSource;
import io.gmerecording.sdk.SdkTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The client from {@code gme.recording.*}: credentials, the transport, retries, each action's budget (in-process, or
 * shared through Redis), then every {@link GmeRecordingCustomizer}; its {@link RecordingQuery} and
 * {@link RecordingControl}, a started
 * {@link RecordingTracker}, and Micrometer observations when the application has a {@link MeterRegistry}. Every bean
 * backs off when the application defines its own; closing the client at shutdown closes what it built.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@EnableConfigurationProperties(GmeRecordingProperties.class)
@Import(SecretSanitizing.class)
public class GmeRecordingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public CredentialsProvider gmeRecordingCredentials(GmeRecordingProperties properties) {
        io.gmerecording.core.Credentials given = properties.getCredentials().given();
        return given == null ? CredentialsChain.standard() : CredentialsProvider.of(given);
    }

    @Bean
    @ConditionalOnMissingBean
    public GmeRecording gmeRecording(GmeRecordingProperties properties, CredentialsProvider credentials,
            Map<String, TransportChoice> transports, ObjectProvider<SharedLimitChoice> sharedLimits,
            SharedLimitReachability reachability,
            ObjectProvider<RecordingObserver> observers, ObjectProvider<GmeRecordingCustomizer> customizers) {
        String adapter = properties.getAdapter().name().toLowerCase(Locale.ROOT);
        TransportChoice transport = transports.get("gmeRecording" + (adapter.equals("sdk") ? "Sdk" : "Http"));
        if (transport == null) {
            throw GmeRecordingProperties.invalid("adapter", adapter, "add io.gmerecording:gme-recording-adapter-"
                    + adapter + " to the application");
        }
        GmeRecording.Builder client = GmeRecording.builder()
                .transport(properties.buildTransport(transport.newBuilder(), credentials))
                .retry(RetryPolicy.builder().maxAttempts(properties.getMaxAttempts()).build())
                .maxRequestsPerSecond(properties.getMaxRequestsPerSecond())
                .maxRateLimitWait(properties.getMaxRateLimitWait())
                .observer(observers.getIfAvailable(() -> RecordingObserver.NONE));
        String uri = properties.getSharedLimit().getUri();
        if (uri != null && !uri.isBlank()) {
            client.permits(sharedLimits.getIfAvailable(() -> {
                throw GmeRecordingProperties.invalid("shared-limit.uri", uri,
                        "add io.gmerecording:gme-recording-redis to the application");
            }).perAction(properties, credentials, reachability::add));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(client));
        return client.build();
    }

    @Bean
    SharedLimitReachability gmeRecordingSharedLimitReachability() {
        return new SharedLimitReachability();
    }

    /** {@code /actuator/health}'s gmeRecording and {@code /actuator/gmerecording}, when Actuator is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "gmeRecordingHealthIndicator")
        org.springframework.boot.actuate.health.HealthIndicator gmeRecordingHealthIndicator(
                CredentialsProvider credentials, SharedLimitReachability reachability,
                ObjectProvider<RecordingTracker> tracker) {
            return new GmeRecordingHealthIndicator(credentials, reachability, tracker);
        }

        @Bean
        @ConditionalOnMissingBean
        GmeRecordingEndpoint gmeRecordingEndpoint(GmeRecordingProperties properties,
                SharedLimitReachability reachability, ObjectProvider<RecordingTracker> tracker) {
            return new GmeRecordingEndpoint(properties, reachability, tracker, Clock.systemUTC());
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public RecordingQuery gmeRecordingQuery(GmeRecording client) {
        return client.query();
    }

    @Bean
    @ConditionalOnMissingBean
    public RecordingControl gmeRecordingControl(GmeRecording client) {
        return client.control();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "gme.recording.tracker", name = "enabled", matchIfMissing = true)
    public RecordingTracker gmeRecordingTracker(GmeRecordingProperties properties, GmeRecording client,
            ObjectProvider<TrackerListener> listeners, ObjectProvider<TrackedTaskStore> stores) {
        TrackerListener listener = TrackerListener.all(listeners.orderedStream().toArray(TrackerListener[]::new));
        TrackedTaskStore store = stores.getIfAvailable();
        if (store == null && properties.getTracker().getStore().getUri() != null) {
            // the value may hold a password, and without the module there is nothing here to redact it with
            throw GmeRecordingProperties.invalid("tracker.store.uri", "<not shown>", "keeping the tracked tasks in "
                    + "Redis needs gme-recording-redis on the class path");
        }
        return client.newTracker(tracker -> {
            properties.getTracker().applyTo(tracker.listener(listener));
            if (store != null) {
                tracker.store(store);
            }
            if (properties.getCallback().enabled()) {
                GmeRecordingProperties.set("callback.reconciliation", properties.getCallback().getReconciliation(),
                        () -> tracker.reconciliationInterval(properties.getCallback().getReconciliation()));
            }
        }).start();
    }

    /**
     * The recording callback endpoint at {@code gme.recording.callback.path}, when {@code app-key} is set in a servlet
     * web application: each new verified event is published as an application event (a {@link RecordingEvent}
     * payload, for {@code @EventListener}) and passed to the tracker as a hint.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "jakarta.servlet.http.HttpServlet")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(prefix = "gme.recording.callback", name = "app-key")
    static class Callbacks {

        @Bean
        @ConditionalOnMissingBean
        CallbackReceiver gmeRecordingCallbackReceiver(GmeRecordingProperties properties) {
            return properties.getCallback().receiver();
        }

        @Bean
        ServletRegistrationBean<CallbackServlet> gmeRecordingCallbackEndpoint(GmeRecordingProperties properties,
                CallbackReceiver receiver, ApplicationEventPublisher events, ObjectProvider<RecordingTracker> tracker) {
            CallbackListener publishing = events::publishEvent;
            RecordingTracker hinted = tracker.getIfAvailable();
            CallbackListener listener = hinted == null ? publishing : CallbackListener.hinting(hinted, publishing);
            ServletRegistrationBean<CallbackServlet> endpoint = new ServletRegistrationBean<>(
                    new CallbackServlet(new CallbackEndpoint(receiver, listener)), properties.getCallback().getPath());
            endpoint.setName("gmeRecordingCallback");
            return endpoint;
        }
    }

    /** Our own HTTP transport: always there (adapter-http is a dependency of the starter). */
    @Configuration(proxyBeanMethods = false)
    static class HttpAdapter {
        @Bean
        TransportChoice gmeRecordingHttp() {
            return HttpTransport::builder;
        }
    }

    /** The official SDK's transport, when gme-recording-adapter-sdk is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SdkTransport.class)
    static class SdkAdapter {
        @Bean
        TransportChoice gmeRecordingSdk() {
            return SdkTransport::builder;
        }
    }

    /**
     * Budgets shared through Redis, and the tracked tasks kept there when {@code gme.recording.tracker.store.uri} is
     * set, when gme-recording-redis is on the class path. The store is closed after the tracker (which
     * depends on it), handing this replica's tasks over to the others.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisPermitSource.class)
    static class RedisSharedLimit {
        @Bean
        SharedLimitChoice gmeRecordingSharedLimit() {
            return SharedLimits::perAction;
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = "gme.recording.tracker.store", name = "uri")
        TrackedTaskStore gmeRecordingTrackedTaskStore(GmeRecordingProperties properties) {
            return TrackedStores.open(properties.getTracker().getStore());
        }
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
}
