package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.Action;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GmeRecordingTest {

    private static final TaskRef REF = TaskRef.of(1, 2);
    private static final RecordingTask TASK = RecordingTask.of(REF, "r", 1, Collections.emptyList(), "q");
    private final FakeTime time = new FakeTime();

    /** A permit source that counts what it hands out and takes back, and how often it is closed. */
    private static final class CountingPermits implements PermitSource, AutoCloseable {
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final List<String> log;

        CountingPermits(List<String> log) {
            this.log = log;
        }

        @Override
        public Permit acquire() {
            taken.incrementAndGet();
            return released::incrementAndGet;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            log.add("permits closed");
        }
    }

    @Test
    void retriesOutsideAndEveryAttemptTakesAPermit() {
        ScriptedQuery adapter = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "x", "r"))
                .then(ErrorCodes.exception("InternalError", "x", "r")).then(TASK);
        RecordingQuery query = GmeRecording.builder().transport(adapter).maxRequestsPerSecond(1).timeSource(time)
                .build().query();

        assertThat(query.describe(REF)).isEqualTo(TASK);
        assertThat(adapter.calls).hasValue(3);
        // three permits at 1 per second: the third starts no earlier than two seconds after the first
        assertThat(time.nanoTime()).isGreaterThanOrEqualTo(2_000_000_000L + 1_000_000_000L);
    }

    @Test
    void theAttemptLimitAndTheWaitLimitAreApplied() {
        ScriptedQuery failing = new ScriptedQuery().then(ErrorCodes.timeout("slow", null));

        assertThatThrownBy(() -> GmeRecording.builder().transport(failing).retry(RetryPolicy.builder().maxAttempts(2)
                .build()).timeSource(time).build().query().describe(REF)).hasMessageContaining("Transport.Timeout");
        assertThat(failing.calls).hasValue(2);

        ScriptedQuery ok = new ScriptedQuery().then(TASK);
        RecordingQuery impatient = GmeRecording.builder().transport(ok).retry(RetryPolicy.none())
                .maxRequestsPerSecond(0.5).maxRateLimitWait(Duration.ofSeconds(1)).timeSource(time).build().query();
        impatient.describe(REF);
        assertThatThrownBy(() -> impatient.describe(REF)).hasMessageContaining(RateLimiter.WAIT_EXCEEDED);
    }

    @Test
    void eachActionGetsItsOwnPermitSourceAskedOncePerAttemptAndEveryPermitIsReleased() {
        List<String> log = new ArrayList<>();
        CountingPermits shared = new CountingPermits(log);
        List<Action> asked = new ArrayList<>();
        ScriptedQuery adapter = new ScriptedQuery().then(ErrorCodes.exception("InternalError", "x", "r")).then(TASK);

        RecordingQuery query = GmeRecording.builder().transport(adapter).permits(action -> {
            asked.add(action);
            return shared;
        }).timeSource(time).build().query();

        assertThat(asked).containsExactly(Action.values());
        assertThat(query.describe(REF)).isEqualTo(TASK);
        assertThat(shared.taken).hasValue(2);
        assertThat(shared.released).hasValue(2);
        assertThat(time.sleeps).as("no in-process pacing when the source decides").hasSize(1); // the retry's backoff
    }

    @Test
    void aPermitSourceThatRefusesIsTheCallersError() {
        PermitSource closed = () -> {
            throw ErrorCodes.exception(ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED, "no budget", null);
        };
        ScriptedQuery adapter = new ScriptedQuery().then(TASK);

        assertThatThrownBy(() -> GmeRecording.builder().transport(adapter).permits(action -> closed).build().query()
                .describe(REF)).hasMessageContaining(RateLimiter.WAIT_EXCEEDED);
        assertThat(adapter.calls).hasValue(0);
        assertThatThrownBy(() -> GmeRecording.builder().permits(null)).hasMessageContaining("permits");
    }

    @Test
    void closingClosesTrackersThenTheTransportThenThePermitSourcesOnceEach() {
        List<String> log = new ArrayList<>();
        CountingPermits permits = new CountingPermits(log);
        ScriptedQuery transport = new ScriptedQuery() {
            @Override
            public void close() {
                log.add("transport closed");
            }
        };
        GmeRecording client = GmeRecording.builder().transport(transport.then(TASK)).permits(action -> permits)
                .timeSource(time).build();
        RecordingTracker tracker = client.newTracker(settings -> settings.listener(TrackerListener.NONE));
        tracker.track(REF, RecordStatus.NOTIFIED);

        client.query().close(); // the port's close is the client's
        client.close();

        assertThat(log).containsExactly("transport closed", "permits closed");
        assertThat(permits.closes).hasValue(1);
        assertThatThrownBy(() -> tracker.track(TaskRef.of(1, 3), RecordStatus.NOTIFIED))
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> client.query().describe(REF)).hasMessageContaining(ErrorCodes.CLIENT_CLOSED);
        assertThatThrownBy(() -> client.newTracker(settings -> { })).hasMessageContaining("closed");
    }

    @Test
    void aFailingPermitFactoryClosesWhatTheClientWasGiven() {
        ScriptedQuery adapter = new ScriptedQuery().then(TASK);

        assertThatThrownBy(() -> GmeRecording.builder().transport(adapter).permits(action -> {
            throw new IllegalArgumentException("shared-limit: no such database 99");
        }).build()).hasMessageContaining("no such database 99");
        assertThat(adapter.closes).hasValue(1);
    }

    @Test
    void theAdaptersNameIsTheTransportsOwn() {
        GmeRecording client = new ScriptedQuery().then(TASK).client(time).build();

        assertThat(client.adapter()).isEqualTo("scripted");
        assertThat(client.toString()).contains("GmeRecording");
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> GmeRecording.builder().build()).hasMessageContaining("a transport is required");
        assertThatThrownBy(() -> GmeRecording.builder().transport(null)).hasMessageContaining("transport");
        assertThatThrownBy(() -> GmeRecording.builder().maxRequestsPerSecond(0))
                .hasMessageContaining("maxRequestsPerSecond");
        assertThatThrownBy(() -> GmeRecording.builder().maxRequestsPerSecond(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> GmeRecording.builder().maxRequestsPerSecond(Double.POSITIVE_INFINITY))
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> GmeRecording.builder().maxRateLimitWait(Duration.ofSeconds(-1)))
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> GmeRecording.builder().timeSource(null)).hasMessageContaining("time");
        assertThatThrownBy(() -> GmeRecording.builder().retry(null)).hasMessageContaining("retry");
        assertThatThrownBy(() -> GmeRecording.builder().observer(null)).hasMessageContaining("observer");
    }
}
