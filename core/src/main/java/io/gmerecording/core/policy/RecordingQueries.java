package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingQuery;
import java.time.Duration;
import java.util.Objects;

/**
 * Composes the policies over an adapter in the one order that makes sense: retries outside, rate limit inside, so
 * every attempt, retries included, takes a permit; an observer, when given, sits right around the adapter.
 *
 * <pre>{@code
 * RecordingQuery query = RecordingQueries.resilient(HttpRecordingQuery.builder().build())
 *         .maxAttempts(3)
 *         .maxRequestsPerSecond(20)
 *         .build();
 * }</pre>
 */
public final class RecordingQueries {

    private RecordingQueries() {
    }

    public static Builder resilient(RecordingQuery adapter) {
        return new Builder(adapter);
    }

    /** Defaults: 3 attempts, 20 requests per second (the API's limit), rate-limit wait at most 60 s, system time. */
    public static final class Builder {
        private final RecordingQuery adapter;
        private int maxAttempts = 3;
        private double maxRequestsPerSecond = 20;
        private Duration maxRateLimitWait = Duration.ofSeconds(60);
        private TimeSource time = TimeSource.system();
        private PermitSource permits;
        private RecordingObserver observer = RecordingObserver.NONE;
        private String adapterName;

        private Builder(RecordingQuery adapter) {
            this.adapter = Objects.requireNonNull(adapter, "adapter must not be null");
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Policies.atLeastOne(attempts, "maxAttempts");
            return this;
        }

        public Builder maxRequestsPerSecond(double rate) {
            this.maxRequestsPerSecond = Policies.positiveRate(rate, "maxRequestsPerSecond");
            return this;
        }

        public Builder maxRateLimitWait(Duration wait) {
            this.maxRateLimitWait = Objects.requireNonNull(wait, "wait must not be null");
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        /**
         * Takes every attempt's permit from this source instead of an in-process {@link RateLimiter} (for example one
         * limit shared by every replica); {@link #maxRequestsPerSecond} and {@link #maxRateLimitWait} then do not
         * apply, the source has its own.
         */
        public Builder permits(PermitSource permits) {
            this.permits = Objects.requireNonNull(permits, "permits must not be null");
            return this;
        }

        /**
         * Tells {@code observer} of every attempt (as the adapter sees it: inside the rate limit), retry and permit
         * wait.
         */
        public Builder observer(RecordingObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer must not be null");
            return this;
        }

        /** The adapter's name in observations; by default "http" or "sdk" from its class. */
        public Builder adapterName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("adapterName must not be blank, got '" + name + "'");
            }
            this.adapterName = name;
            return this;
        }

        public RecordingQuery build() {
            PermitSource limiter = permits != null ? permits : RateLimiter.perSecond(maxRequestsPerSecond)
                    .maxWait(maxRateLimitWait).timeSource(time).build();
            String name = adapterName != null ? adapterName : ObservedRecordingQuery.nameOf(adapter);
            RecordingQuery observed = observer == RecordingObserver.NONE ? adapter
                    : ObservedRecordingQuery.over(adapter, name, observer, time);
            return RetryingRecordingQuery.over(RateLimitedRecordingQuery.over(observed, limiter, observer, time))
                    .maxAttempts(maxAttempts).timeSource(time).observer(observer).build();
        }
    }
}
