package io.gmerecording.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RateLimiter;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.testing.CapturedLog;
import io.gmerecording.testing.JumpingTime;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class MicrometerRecordingObserverTest {

    private static final TaskRef REF = TaskRef.of(1400000000L, 7);
    private static final RecordingTask DONE = RecordingTask.of(REF, "room", 1,
            List.of(Recording.of("u", "f.mp3", Instant.EPOCH, RecordStatus.NOTIFIED.code())), "req-ok");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JumpingTime time = new JumpingTime();

    /** Answers from a script, one step per call: a task or an error to throw. */
    private static Transport scripted(Object... steps) {
        Deque<Object> script = new ArrayDeque<>(List.of(steps));
        return new Transport() {
            @Override
            public String name() {
                return "http";
            }

            @Override
            public RecordingTask describe(TaskRef task) {
                Object step = script.size() > 1 ? script.poll() : script.peek();
                if (step instanceof RecordingQueryException) {
                    throw (RecordingQueryException) step;
                }
                return (RecordingTask) step;
            }
        };
    }

    private GmeRecording.Builder client(Transport adapter, MicrometerRecordingObserver observer) {
        return GmeRecording.builder().transport(adapter).observer(observer).timeSource(time);
    }

    private RecordingQuery resilient(Transport adapter, MicrometerRecordingObserver observer) {
        return client(adapter, observer).build().query();
    }

    private Timer requests(String outcome, String code) {
        return meters.find(MicrometerRecordingObserver.REQUESTS).tag("adapter", "http").tag("outcome", outcome)
                .tag("error.code", code).timer();
    }

    @Test
    void theRequestTimerIsTaggedForASuccessATaskNotFoundAndAnInternalErrorRetriedToSuccess() {
        MicrometerRecordingObserver observer = MicrometerRecordingObserver.of(meters);
        resilient(scripted(DONE), observer).describe(REF);
        assertThatThrownBy(() -> resilient(scripted(ErrorCodes.exception("ResourceNotFound.TaskNotFound", "no",
                "r1")), observer).describe(REF)).isInstanceOf(RecordingQueryException.class);
        resilient(scripted(ErrorCodes.exception("InternalError", "boom", "r2"), DONE), observer).describe(REF);

        assertThat(requests("success", "none").count()).isEqualTo(2);
        assertThat(requests("error", "ResourceNotFound.TaskNotFound").count()).isEqualTo(1);
        assertThat(requests("error", "ResourceNotFound.TaskNotFound").getId().getTag("error"))
                .isEqualTo("TaskNotFoundException");
        assertThat(requests("error", "InternalError").count()).isEqualTo(1);
        assertThat(meters.find(MicrometerRecordingObserver.RETRIES).tag("error.code", "InternalError").counter()
                .count()).isEqualTo(1);
        assertThat(meters.find(MicrometerRecordingObserver.RETRIES).tag("error.code", "ResourceNotFound.TaskNotFound")
                .counter()).as("a TaskNotFound is never retried").isNull();
    }

    @Test
    void rateLimitWaitsAreTimedAndThrottlingFromEitherSideIsCounted() {
        MicrometerRecordingObserver observer = MicrometerRecordingObserver.of(meters);
        RateLimiter oneASecond = RateLimiter.perSecond(1).maxWait(Duration.ofMillis(1500)).timeSource(time).build();
        RecordingQuery limited = client(scripted(DONE), observer).permits(action -> oneASecond).build().query();
        limited.describe(REF);
        limited.describe(REF);
        Timer granted = meters.find(MicrometerRecordingObserver.RATE_LIMIT_WAIT).tag("outcome", "granted").timer();
        assertThat(granted.count()).isEqualTo(2);
        assertThat(granted.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1000);

        RateLimiter tight = RateLimiter.perSecond(1).maxWait(Duration.ZERO).timeSource(time).build();
        RecordingQuery refused = client(scripted(DONE), observer).permits(action -> tight)
                .retry(RetryPolicy.none()).build().query();
        refused.describe(REF);
        assertThatThrownBy(() -> refused.describe(REF)).isInstanceOf(RecordingQueryException.class);
        assertThat(meters.find(MicrometerRecordingObserver.THROTTLED).tag("source", "client")
                .tag("error.code", ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED).counter().count()).isEqualTo(1);
        assertThat(meters.find(MicrometerRecordingObserver.RATE_LIMIT_WAIT).tag("outcome", "refused").timer()
                .count()).isEqualTo(1);

        resilient(scripted(ErrorCodes.exception("RequestLimitExceeded", "slow down", "r3"), DONE), observer)
                .describe(REF);
        assertThat(meters.find(MicrometerRecordingObserver.THROTTLED).tag("source", "service")
                .tag("error.code", "RequestLimitExceeded").counter().count()).isEqualTo(1);
        assertThat(meters.find(MicrometerRecordingObserver.RETRIES).tag("error.code", "RequestLimitExceeded")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void theTrackersTasksStalenessChangesAndEndsAreMeters() throws Exception {
        MicrometerRecordingObserver observer = MicrometerRecordingObserver.of(meters);
        CountDownLatch ended = new CountDownLatch(1);
        try (RecordingTracker tracker = client(scripted(DONE), observer).build().newTracker(settings -> settings
                .concurrency(1).listener(TrackerListener.all(observer, new TrackerListener() {
                    @Override
                    public void onEnd(TaskEnd end) {
                        ended.countDown();
                    }
                })))) {
            observer.bindTracker(tracker);
            tracker.track(REF, RecordStatus.NOTIFIED);
            assertThat(meters.get(MicrometerRecordingObserver.TRACKER_TASKS).gauge().value()).isEqualTo(1);
            tracker.start();
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(meters.get(MicrometerRecordingObserver.TRACKER_TASKS).gauge().value()).isZero();
            assertThat(meters.get(MicrometerRecordingObserver.TRACKER_STALENESS).timeGauge().value()).isZero();
        }
        assertThat(meters.get(MicrometerRecordingObserver.TRACKER_CHANGES).tag("status", "NOTIFIED").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get(MicrometerRecordingObserver.TRACKER_ENDS).tag("outcome", "REACHED").counter().count())
                .isEqualTo(1);
        assertThat(requests("success", "none").count()).as("the tracker's request, named by its transport")
                .isEqualTo(1);
    }

    @Test
    void noSecretKeyTokenOrSignatureReachesAnyTagObservationOrLog() throws Exception {
        AcceptedKey key = AcceptedKey.withToken("AKIDobserved0000000000000000000001", "observed-secret-key-0001",
                "observed-session-token-0001");
        List<String> seen = new ArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new ObservationHandler<Observation.Context>() {
                    @Override
                    public void onStop(Observation.Context context) {
                        seen.add(context.toString());
                        context.getAllKeyValues().forEach(kv -> seen.add(kv.getKey() + "=" + kv.getValue()));
                        seen.add(String.valueOf(context.getError()));
                    }

                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return true;
                    }
                });
        MicrometerRecordingObserver observer = MicrometerRecordingObserver.of(observations, meters);
        List<LogRecord> logged = CapturedLog.during("", () -> {
            try (GmeEmulator emulator = GmeEmulator.builder().accept(key).build();
                    HttpTransport http = HttpTransport.builder().endpoint(emulator.endpoint())
                            .credentials(Credentials.of("AKIDobserved0000000000000000000001",
                                    "observed-secret-key-0001", "observed-session-token-0001")).build();
                    HttpTransport wrongKey = HttpTransport.builder().endpoint(emulator.endpoint())
                            .credentials(Credentials.of("AKIDobserved0000000000000000000001", "not-the-key",
                                    "observed-session-token-0001")).build()) {
                GmeRecording.builder().transport(http).observer(observer).build().query()
                        .describe(TaskRef.of(3400352518L, 446192236330927912L));
                for (HttpTransport transport : List.of(http, wrongKey)) {
                    try {
                        GmeRecording.builder().transport(transport).observer(observer).retry(RetryPolicy.none())
                                .build().query().describe(TaskRef.of(3400352518L, 42));
                    } catch (RecordingQueryException expected) {
                        seen.add(expected.getMessage());
                    }
                }
            }
        });
        for (Meter meter : meters.getMeters()) {
            seen.add(meter.getId().toString());
        }
        logged.forEach(record -> seen.add(record.getMessage() + " " + record.getThrown()));

        assertThat(String.join("\n", seen)).contains("error.code=ResourceNotFound.TaskNotFound")
                .contains("AuthFailure.SignatureFailure")
                .doesNotContain("observed-secret-key-0001").doesNotContain("not-the-key")
                .doesNotContain("observed-session-token-0001").doesNotContain("Signature=")
                .doesNotContain("TC3-HMAC-SHA256 Credential");
    }
}
