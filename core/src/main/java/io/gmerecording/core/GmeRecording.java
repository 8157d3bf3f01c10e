package io.gmerecording.core;

import io.gmerecording.core.Transport;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.internal.Call;
import io.gmerecording.core.internal.CallPipeline;
import io.gmerecording.core.internal.CallStep;
import io.gmerecording.core.internal.ObserveStep;
import io.gmerecording.core.internal.PermitStep;
import io.gmerecording.core.internal.Policies;
import io.gmerecording.core.internal.RetryStep;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.core.policy.RateLimiter;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.core.policy.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The client: built once from its builder, it owns the transport, the request budget of each action, the retry
 * policy and the observer, hands out the {@link RecordingQuery} and {@link RecordingControl} ports and trackers, and
 * closes all of it.
 *
 * <pre>{@code
 * try (GmeRecording gme = GmeRecording.builder()
 *         .transport(HttpTransport.builder().credentialsProvider(CredentialsChain.standard()).build())
 *         .build()) {
 *     RecordingTask task = gme.query().describe(TaskRef.of(bizId, taskId));
 * }
 * }</pre>
 *
 * <p>Every call passes one pipeline: retry (outside), the action's permit, observation, the transport; so every
 * attempt, retries included, takes a permit, and the observer sees each attempt with its number. A tracker's calls
 * pass the same pipeline without the retry step: the tracker asks again by its own rule.
 */
public final class GmeRecording implements AutoCloseable {

    /** Each action's in-process budget unless told otherwise: the API's limit. */
    public static final double DEFAULT_MAX_REQUESTS_PER_SECOND = 20;
    /** The longest a call waits for an in-process permit unless told otherwise. */
    public static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    private final Transport transport;
    private final List<AutoCloseable> ownedPermits;
    private final String permits;
    private final TimeSource time;
    private final PipelineQuery query;
    private final PipelineQuery singleAttempt;
    private final ClientControl control;
    private final List<RecordingTracker> trackers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private GmeRecording(Builder builder, Map<Action, PermitSource> permits) {
        this.transport = builder.transport;
        this.time = builder.time;
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<AutoCloseable> closeable = new ArrayList<>();
        for (PermitSource source : permits.values()) {
            if (source instanceof AutoCloseable && seen.add(source)) {
                closeable.add((AutoCloseable) source);
            }
        }
        this.ownedPermits = closeable;
        this.permits = permits.toString();
        CallStep permit = new PermitStep(permits, builder.observer, time);
        CallStep observe = new ObserveStep(builder.observer, time);
        CallPipeline retried = new CallPipeline(List.of(new RetryStep(builder.retry, builder.observer, time), permit,
                observe), transport);
        this.query = new PipelineQuery(retried);
        this.control = new ClientControl(retried, this::checkOpen);
        this.singleAttempt = new PipelineQuery(new CallPipeline(List.of(permit, observe), transport));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port: every call retried, paced and observed. Closing it closes this client. */
    public RecordingQuery query() {
        return query;
    }

    /** The lifecycle port: start, stop, modify, the task of a room, each with its retry rule. */
    public RecordingControl control() {
        return control;
    }

    /**
     * A tracker whose requests take this client's permits and reach its observer, closed with this client; it is
     * not started yet: track tasks, then {@link RecordingTracker#start()}.
     *
     * @param settings applied to the tracker's builder (intervals, timeout, concurrency, listener)
     * @throws IllegalStateException when the client is closed
     */
    public RecordingTracker newTracker(Consumer<RecordingTracker.Builder> settings) {
        Objects.requireNonNull(settings, "settings must not be null");
        RecordingTracker.Builder builder = RecordingTracker.over(singleAttempt).timeSource(time);
        settings.accept(builder);
        RecordingTracker tracker = builder.build();
        trackers.add(tracker);
        if (closed.get()) {
            tracker.close();
            throw new IllegalStateException(this + " is closed");
        }
        return tracker;
    }

    /** @throws io.gmerecording.core.error.CancelledException ({@code Client.Closed}) once the client is closed */
    private void checkOpen() {
        if (closed.get()) {
            throw ErrorCodes.closed(this + " is closed");
        }
    }

    /** The transport's name: "http", "sdk", ... */
    public String adapter() {
        return transport.name();
    }

    /**
     * Closes, in order, the trackers (their requests in flight are interrupted), the transport, then each permit
     * source that is {@link AutoCloseable} (a shared limit's connection). Idempotent; calls made afterwards fail
     * with {@code Client.Closed}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        List<AutoCloseable> order = new ArrayList<>(trackers);
        order.add(transport);
        order.addAll(ownedPermits);
        for (AutoCloseable each : order) {
            try {
                each.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + each + " failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "GmeRecording[" + transport + ", permits " + permits + "]";
    }

    /** The port over one pipeline. */
    private final class PipelineQuery implements RecordingQuery {
        private final CallPipeline pipeline;

        PipelineQuery(CallPipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public RecordingTask describe(TaskRef task) {
            Objects.requireNonNull(task, "task must not be null");
            checkOpen();
            return pipeline.execute(Call.describe(task, pipeline.adapter()));
        }

        @Override
        public void close() {
            GmeRecording.this.close();
        }

        @Override
        public String toString() {
            return "RecordingQuery of " + GmeRecording.this;
        }
    }

    /**
     * Defaults: retry {@link RetryPolicy#standard()}, each action's own in-process budget of 20 requests per second
     * (the API's limit) with a wait of at most 60 s, no observer, system time. The transport is required.
     */
    public static final class Builder {
        private Transport transport;
        private RetryPolicy retry = RetryPolicy.standard();
        private double maxRequestsPerSecond = DEFAULT_MAX_REQUESTS_PER_SECOND;
        private Duration maxRateLimitWait = DEFAULT_MAX_RATE_LIMIT_WAIT;
        private Function<Action, PermitSource> permits;
        private RecordingObserver observer = RecordingObserver.NONE;
        private TimeSource time = TimeSource.system();

        private Builder() {
        }

        /** The transport every call ends at (an adapter's); the client closes it. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport must not be null");
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry must not be null");
            return this;
        }

        /** Each action's in-process budget; ignored when {@link #permits} is given. */
        public Builder maxRequestsPerSecond(double rate) {
            this.maxRequestsPerSecond = Policies.positiveRate(rate, "maxRequestsPerSecond");
            return this;
        }

        /** The longest a call waits for an in-process permit; ignored when {@link #permits} is given. */
        public Builder maxRateLimitWait(Duration wait) {
            Objects.requireNonNull(wait, "maxRateLimitWait must not be null");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("maxRateLimitWait must not be negative, got " + wait);
            }
            this.maxRateLimitWait = wait;
            return this;
        }

        /**
         * Each action's budget from {@code perAction} (asked once per action at {@link #build()}; for example one
         * Redis-shared limit per action for every replica) instead of in-process limiters. The client closes each
         * source that is {@link AutoCloseable}.
         */
        public Builder permits(Function<Action, PermitSource> perAction) {
            this.permits = Objects.requireNonNull(perAction, "permits must not be null");
            return this;
        }

        /** Hears of every attempt, retry and permit wait. */
        public Builder observer(RecordingObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer must not be null");
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        /**
         * @throws IllegalStateException when no transport was given
         * @throws RuntimeException what the permit sources threw; the transport and any source already made are
         *     closed then
         */
        public GmeRecording build() {
            if (transport == null) {
                throw new IllegalStateException("a transport is required: GmeRecording.builder().transport("
                        + "HttpTransport.builder()...build())");
            }
            Map<Action, PermitSource> sources = new EnumMap<>(Action.class);
            try {
                for (Action action : Action.values()) {
                    PermitSource source = permits != null ? permits.apply(action) : RateLimiter
                            .perSecond(maxRequestsPerSecond).maxWait(maxRateLimitWait).timeSource(time).build();
                    sources.put(action, Objects.requireNonNull(source, "no permit source for " + action));
                }
            } catch (RuntimeException failed) {
                // what was opened for this client goes with it: the transport and the sources made so far
                transport.close();
                for (PermitSource opened : sources.values()) {
                    if (opened instanceof AutoCloseable) {
                        try {
                            ((AutoCloseable) opened).close();
                        } catch (Exception e) {
                            failed.addSuppressed(e);
                        }
                    }
                }
                throw failed;
            }
            return new GmeRecording(this, sources);
        }
    }
}
