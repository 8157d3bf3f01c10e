package io.gmerecording.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.Action;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.core.policy.RecordingObserver;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.core.policy.TimeSource;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The call pipeline: the context each step sees comes with the call, whatever the order of the steps. */
class CallPipelineTest {

    private static final TaskRef REF = TaskRef.of(1, 2);
    private static final RecordingTask DONE = RecordingTask.of(REF, "room", 1, Collections.emptyList(), "req");
    private static final TimeSource NO_SLEEP = new TimeSource() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
        }
    };

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final RecordingObserver observer = new RecordingObserver() {
        @Override
        public Attempt attemptStarted(Request request) {
            events.add(request.adapter() + " #" + request.attempt());
            return Attempt.IGNORED;
        }

        @Override
        public void rateLimitWaited(Duration waited, io.gmerecording.core.error.RecordingQueryException refusal) {
            events.add("permit");
        }
    };

    /** Fails twice with a retryable error, then answers. */
    private static Transport failingTwice() {
        AtomicInteger calls = new AtomicInteger();
        return new Transport() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public RecordingTask describe(TaskRef task) {
                if (calls.incrementAndGet() <= 2) {
                    throw ErrorCodes.exception("InternalError", "try again", "r" + calls.get());
                }
                return DONE;
            }
        };
    }

    private CallStep retry() {
        return new RetryStep(RetryPolicy.builder().maxAttempts(3).random(() -> 0).build(), observer, NO_SLEEP);
    }

    private CallStep permit() {
        PermitSource unlimited = () -> () -> { };
        Map<Action, PermitSource> each = new java.util.EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            each.put(action, unlimited);
        }
        return new PermitStep(each, observer, NO_SLEEP);
    }

    private CallStep observe() {
        return new ObserveStep(observer, NO_SLEEP);
    }

    @Test
    void attemptsAreNumberedWithTheObservationInsideThePermit() {
        CallPipeline pipeline = new CallPipeline(List.of(retry(), permit(), observe()), failingTwice());

        assertThat(pipeline.execute(Call.describe(REF, pipeline.adapter()))).isEqualTo(DONE);
        assertThat(events).containsExactly("permit", "flaky #1", "permit", "flaky #2", "permit", "flaky #3");
    }

    @Test
    void attemptsAreNumberedTheSameWithTheObservationOutsideThePermit() {
        CallPipeline pipeline = new CallPipeline(List.of(retry(), observe(), permit()), failingTwice());

        assertThat(pipeline.execute(Call.describe(REF, pipeline.adapter()))).isEqualTo(DONE);
        assertThat(events).containsExactly("flaky #1", "permit", "flaky #2", "permit", "flaky #3", "permit");
    }

    @Test
    void anObservationOutsideTheRetrySeesTheCallAsItsFirstAttempt() {
        CallPipeline pipeline = new CallPipeline(List.of(observe(), retry(), permit()), failingTwice());

        assertThat(pipeline.execute(Call.describe(REF, pipeline.adapter()))).isEqualTo(DONE);
        assertThat(events).containsExactly("flaky #1", "permit", "permit", "permit");
    }

    @Test
    void twoPipelinesOnOneThreadKeepTheirOwnAttempts() {
        CallPipeline inner = new CallPipeline(List.of(retry(), observe()), failingTwice());
        Transport nested = new Transport() {
            @Override
            public String name() {
                return "outer";
            }

            @Override
            public RecordingTask describe(TaskRef task) {
                return inner.execute(Call.describe(task, inner.adapter()));
            }
        };
        CallPipeline outer = new CallPipeline(List.of(observe()), nested);

        outer.execute(Call.describe(REF, outer.adapter()).attempt(5));

        assertThat(events).containsExactly("outer #5", "flaky #1", "flaky #2", "flaky #3");
    }

    @Test
    void aCallNamesItsContextAndRefusesABadAttempt() {
        Call<RecordingTask> call = Call.describe(REF, "http").attempt(2);

        assertThat(call.action()).isEqualTo(Action.DESCRIBE_RECORD_INFO);
        assertThat(call.toString()).isEqualTo("DescribeRecordInfo " + REF + " via http, attempt 2");
        assertThat(call.request().task()).contains(REF);
        assertThat(call.request().room()).isEmpty();
        assertThatThrownBy(() -> call.attempt(0)).hasMessageContaining("attempt must be at least 1, got 0");
        assertThatThrownBy(() -> new PermitStep(Map.of(), observer, NO_SLEEP))
                .hasMessageContaining("DESCRIBE_RECORD_INFO");
        assertThatThrownBy(() -> new PermitStep(Map.of(Action.DESCRIBE_RECORD_INFO, () -> () -> { }), observer,
                NO_SLEEP)).as("every action has its own budget").hasMessageContaining("START_RECORD");
    }
}
