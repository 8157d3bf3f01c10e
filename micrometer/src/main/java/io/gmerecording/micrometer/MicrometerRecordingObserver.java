package io.gmerecording.micrometer;

import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.ThrottledException;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskChange;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The client's observer and a tracker's listener as Micrometer sees them. Each request is an {@link Observation} named
 * {@value #REQUESTS}, so with a meter handler it becomes a timer of that name (tags {@code adapter}, {@code outcome},
 * {@code error.code}) and with a tracing handler a span; retries, throttling, rate-limit waits and the tracker (give
 * the same instance to the tracker as its listener) are meters:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>gme.recording.requests</td><td>timer (observation)</td><td>adapter, action, outcome (success|error),
 *       error.code (none or the code)</td></tr>
 *   <tr><td>gme.recording.retries</td><td>counter</td><td>error.code (of the failure retried)</td></tr>
 *   <tr><td>gme.recording.throttled</td><td>counter</td><td>source (service: RequestLimitExceeded and the like;
 *       client: a permit refused), error.code</td></tr>
 *   <tr><td>gme.recording.ratelimit.wait</td><td>timer</td><td>outcome (granted|refused)</td></tr>
 *   <tr><td>gme.recording.tracker.changes</td><td>counter</td><td>status</td></tr>
 *   <tr><td>gme.recording.tracker.ends</td><td>counter</td><td>outcome</td></tr>
 *   <tr><td>gme.recording.tracker.tasks</td><td>gauge</td><td>(after {@link #bindTracker})</td></tr>
 *   <tr><td>gme.recording.tracker.staleness</td><td>time gauge, seconds</td><td>(after {@link #bindTracker})</td></tr>
 * </table>
 *
 * <p>Task and room ids go into the observation as high-cardinality values (spans, not metrics). Nothing secret is known to
 * the events, so nothing secret reaches a tag, an observation or a log.
 */
public final class MicrometerRecordingObserver implements RecordingObserver, TrackerListener {

    public static final String REQUESTS = "gme.recording.requests";
    public static final String RETRIES = "gme.recording.retries";
    public static final String THROTTLED = "gme.recording.throttled";
    public static final String RATE_LIMIT_WAIT = "gme.recording.ratelimit.wait";
    public static final String TRACKER_CHANGES = "gme.recording.tracker.changes";
    public static final String TRACKER_ENDS = "gme.recording.tracker.ends";
    public static final String TRACKER_TASKS = "gme.recording.tracker.tasks";
    public static final String TRACKER_STALENESS = "gme.recording.tracker.staleness";

    private final ObservationRegistry observations;
    private final MeterRegistry meters;

    private MicrometerRecordingObserver(ObservationRegistry observations, MeterRegistry meters) {
        this.observations = Objects.requireNonNull(observations, "observations must not be null");
        this.meters = Objects.requireNonNull(meters, "meters must not be null");
    }

    /**
     * For an application that already has an {@link ObservationRegistry} (Spring Boot's, with its meter and tracing
     * handlers): requests go through it, the other meters straight to {@code meters}.
     */
    public static MicrometerRecordingObserver of(ObservationRegistry observations, MeterRegistry meters) {
        return new MicrometerRecordingObserver(observations, meters);
    }

    /** Plain Java: an observation registry of its own whose only handler turns requests into timers in {@code meters}. */
    public static MicrometerRecordingObserver of(MeterRegistry meters) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return new MicrometerRecordingObserver(observations, meters);
    }

    /** Gauges of how many tasks {@code tracker} follows and how far behind the most overdue one is. */
    public MicrometerRecordingObserver bindTracker(RecordingTracker tracker) {
        Objects.requireNonNull(tracker, "tracker must not be null");
        Gauge.builder(TRACKER_TASKS, tracker, RecordingTracker::trackedCount)
                .description("Recording tasks the tracker follows").register(meters);
        TimeGauge.builder(TRACKER_STALENESS, tracker, TimeUnit.SECONDS,
                        t -> t.currentStaleness().toNanos() / 1e9)
                .description("How far behind its interval the most overdue tracked task is").register(meters);
        return this;
    }

    @Override
    public Attempt attemptStarted(Request request) {
        Observation observation = Observation.createNotStarted(REQUESTS, observations)
                .contextualName(request.action().apiName())
                .lowCardinalityKeyValue("adapter", request.adapter())
                .lowCardinalityKeyValue("action", request.action().apiName())
                .highCardinalityKeyValue("gme.recording.biz.id", Long.toString(request.bizId()))
                .highCardinalityKeyValue("gme.recording.task.id",
                        request.task().map(task -> Long.toString(task.taskId())).orElse("none"))
                .highCardinalityKeyValue("gme.recording.room.id",
                        request.room().map(room -> room.roomId().value()).orElse("none"))
                .highCardinalityKeyValue("gme.recording.attempt", Integer.toString(request.attempt()))
                .start();
        return new Attempt() {
            @Override
            public void succeeded(String requestId, Object answer, Duration latency) {
                observation.lowCardinalityKeyValue("outcome", "success").lowCardinalityKeyValue("error.code", "none")
                        .highCardinalityKeyValue("gme.recording.request.id", requestId.isEmpty() ? "none" : requestId)
                        .stop();
            }

            @Override
            public void failed(RecordingQueryException error, Duration latency) {
                observation.lowCardinalityKeyValue("outcome", "error").lowCardinalityKeyValue("error.code", error.code())
                        .highCardinalityKeyValue("gme.recording.request.id", error.requestId().orElse("none"))
                        .error(error).stop();
                if (error instanceof ThrottledException) {
                    throttled("service", error.code());
                }
            }
        };
    }

    @Override
    public void retryScheduled(Request next, Duration backoff, RecordingQueryException cause) {
        Counter.builder(RETRIES).description("Attempts retried after a retryable failure")
                .tag("error.code", cause.code()).register(meters).increment();
    }

    @Override
    public void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
        Timer.builder(RATE_LIMIT_WAIT).description("Time callers waited for a rate-limit permit")
                .tag("outcome", refusal == null ? "granted" : "refused").register(meters).record(waited);
        if (refusal != null) {
            throttled("client", refusal.code());
        }
    }

    @Override
    public void onChange(TaskChange change) {
        Counter.builder(TRACKER_CHANGES).description("Status changes the tracker saw")
                .tag("status", change.current().name()).register(meters).increment();
    }

    @Override
    public void onEnd(TaskEnd end) {
        Counter.builder(TRACKER_ENDS).description("Tasks the tracker stopped tracking")
                .tag("outcome", end.outcome().name()).register(meters).increment();
    }

    private void throttled(String source, String code) {
        Counter.builder(THROTTLED).description("Requests throttled, by the service or refused a permit")
                .tag("source", source).tag("error.code", code).register(meters).increment();
    }

    @Override
    public String toString() {
        return "MicrometerRecordingObserver[" + meters.getClass().getSimpleName() + "]";
    }
}
