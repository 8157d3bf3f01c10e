package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.WaitTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Polls one task until it is in the wanted state, with a growing pause between polls and an overall timeout. A poll
 * that fails throws at once (wrap the query in {@link RetryingRecordingQuery} to ride out transient failures).
 */
public final class RecordingWaiter {

    private final RecordingQuery query;
    private final Duration initialInterval;
    private final Duration maxInterval;
    private final double multiplier;
    private final Duration timeout;
    private final TimeSource time;
    private final Consumer<RecordingTask> onPoll;

    private RecordingWaiter(Builder builder) {
        this.query = builder.query;
        this.initialInterval = builder.initialInterval;
        this.maxInterval = builder.maxInterval;
        this.multiplier = builder.multiplier;
        this.timeout = builder.timeout;
        this.time = builder.time;
        this.onPoll = builder.onPoll;
    }

    public static Builder over(RecordingQuery query) {
        return new Builder(query);
    }

    /** Until there is at least one recording and every one is at {@code target} or later in the pipeline. */
    public RecordingTask untilAllRecordingsReach(TaskRef task, RecordStatus target) {
        Objects.requireNonNull(target, "target must not be null");
        return until(task, current -> current.allRecordingsAtLeast(target), "every recording at " + target);
    }

    /**
     * Until {@code condition} holds for the task.
     *
     * @throws WaitTimeoutException carrying the last state seen when the timeout passes first
     */
    public RecordingTask until(TaskRef task, Predicate<RecordingTask> condition, String description) {
        Objects.requireNonNull(task, "task must not be null");
        Objects.requireNonNull(condition, "condition must not be null");
        long start = time.nanoTime();
        Duration pause = initialInterval;
        RecordingTask last = null;
        while (true) {
            last = query.describe(task);
            onPoll.accept(last);
            if (condition.test(last)) {
                return last;
            }
            long remaining = Policies.nanos(timeout) - (time.nanoTime() - start);
            if (remaining <= 0) {
                throw ErrorCodes.waitTimeout("gave up waiting for " + description + " of " + task + " after "
                        + Policies.nanos(timeout) / 1_000_000 + " ms; last seen: " + last, last);
            }
            try {
                time.sleep(Duration.ofNanos(Math.min(Policies.nanos(pause), remaining)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ErrorCodes.interrupted("interrupted while waiting for " + task, e);
            }
            pause = Duration.ofNanos((long) Math.min(Policies.nanos(maxInterval), Policies.nanos(pause) * multiplier));
        }
    }

    /** Defaults: first pause 1 s, growing 1.5x up to 15 s, timeout 10 minutes, system time, no poll callback. */
    public static final class Builder {
        private final RecordingQuery query;
        private Duration initialInterval = Duration.ofSeconds(1);
        private Duration maxInterval = Duration.ofSeconds(15);
        private double multiplier = 1.5;
        private Duration timeout = Duration.ofMinutes(10);
        private TimeSource time = TimeSource.system();
        private Consumer<RecordingTask> onPoll = task -> { };

        private Builder(RecordingQuery query) {
            this.query = Objects.requireNonNull(query, "query must not be null");
        }

        public Builder initialInterval(Duration interval) {
            this.initialInterval = Policies.positive(interval, "initialInterval");
            return this;
        }

        public Builder maxInterval(Duration interval) {
            this.maxInterval = Policies.positive(interval, "maxInterval");
            return this;
        }

        /** How much the pause grows after each poll; 1 keeps it fixed. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Policies.positive(timeout, "timeout");
            return this;
        }

        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        /** Called with every answer, for progress reports. */
        public Builder onPoll(Consumer<RecordingTask> onPoll) {
            this.onPoll = Objects.requireNonNull(onPoll, "onPoll must not be null");
            return this;
        }

        public RecordingWaiter build() {
            return new RecordingWaiter(this);
        }
    }
}
