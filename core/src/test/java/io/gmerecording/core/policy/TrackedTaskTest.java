package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transition of a tracked task, as one table: the state before, the event, the step and due time after. */
class TrackedTaskTest {

    private static final long S = 1_000_000_000L;
    private static final long DEADLINE = 100 * S;

    private static final long RECONCILIATION = 60 * S;

    private static TrackedTask fresh(RecordStatus target, long intervalOfOthers) {
        return fresh(target, intervalOfOthers, 0);
    }

    private static TrackedTask fresh(RecordStatus target, long intervalOfOthers, long reconciliation) {
        Map<RecordStatus, Long> intervals = new EnumMap<>(RecordStatus.class);
        for (RecordStatus status : RecordStatus.values()) {
            intervals.put(status, intervalOfOthers);
        }
        intervals.put(RecordStatus.RECORDING, 20 * S);
        intervals.put(RecordStatus.UNRECOGNIZED, 10 * S);
        return new TrackedTask(TaskRef.of(1, 2), target, 0, DEADLINE, 0, intervals, reconciliation);
    }

    private static Arguments row(String state, Consumer<TrackedTask> before, String event,
            Function<TrackedTask, TrackedTask.Transition> apply, String step, Long dueAtSeconds) {
        return Arguments.of(state + " | " + event, before, apply, step, dueAtSeconds);
    }

    private static final Consumer<TrackedTask> NEW = task -> { };
    private static final Consumer<TrackedTask> RECORDING = task -> task.answered(RecordStatus.RECORDING, false, 0);
    private static final Consumer<TrackedTask> FAILED_ONCE = task -> task.failed(true, 0);
    private static final Consumer<TrackedTask> ENDED = TrackedTask::untracked;

    static Stream<Arguments> table() {
        return Stream.of(
            row("new", NEW, "falls due before the deadline", t -> t.due(5 * S), "SEND", 0L),
            row("new", NEW, "falls due at the deadline", t -> t.due(DEADLINE), "END TIMED_OUT", 0L),
            row("new", NEW, "answered RECORDING", t -> t.answered(RecordStatus.RECORDING, false, 0),
                    "WAIT (changed from null)", 20L),
            row("new", NEW, "answered with no recording", t -> t.answered(null, false, 0), "WAIT", 20L),
            row("new", NEW, "answered at the target", t -> t.answered(RecordStatus.NOTIFIED, true, 0),
                    "END REACHED (changed from null)", 0L),
            row("RECORDING", RECORDING, "answered RECORDING again", t -> t.answered(RecordStatus.RECORDING, false,
                    3 * S), "WAIT", 23L),
            row("RECORDING", RECORDING, "answered TRANSCODING", t -> t.answered(RecordStatus.TRANSCODING, false,
                    3 * S), "WAIT (changed from RECORDING)", 8L),
            row("RECORDING", RECORDING, "answered an unknown status", t -> t.answered(RecordStatus.UNRECOGNIZED,
                    false, 0), "WAIT (changed from RECORDING)", 10L),
            row("RECORDING", RECORDING, "answered near the deadline", t -> t.answered(RecordStatus.RECORDING, false,
                    90 * S), "WAIT", 100L),
            row("RECORDING", RECORDING, "answered at the target unchanged", t -> t.answered(RecordStatus.RECORDING,
                    true, 0), "END REACHED", 20L),
            row("new", NEW, "a retryable failure", t -> t.failed(true, 0), "WAIT", 1L),
            row("failed once", FAILED_ONCE, "a second retryable failure", t -> t.failed(true, 2 * S), "WAIT", 22L),
            row("failed once", FAILED_ONCE, "answered, then a retryable failure", t -> {
                t.answered(RecordStatus.RECORDING, false, 2 * S);
                return t.failed(true, 3 * S);
            }, "WAIT", 4L),
            row("new", NEW, "a failure asking again cannot fix", t -> t.failed(false, 0), "END FAILED", 0L),
            row("new", NEW, "the permit refused", t -> t.refused(0), "WAIT", 1L),
            row("new", NEW, "untracked", TrackedTask::untracked, "END REMOVED", 0L),
            row("ended", ENDED, "falls due", t -> t.due(0), "IGNORED", 0L),
            row("ended", ENDED, "answered", t -> t.answered(RecordStatus.NOTIFIED, true, 0), "IGNORED", 0L),
            row("ended", ENDED, "a failure", t -> t.failed(false, 0), "IGNORED", 0L),
            row("ended", ENDED, "the permit refused", t -> t.refused(0), "IGNORED", 0L),
            row("ended", ENDED, "untracked again", TrackedTask::untracked, "IGNORED", 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachEventTakesEachStateWhereTheTableSays(String name, Consumer<TrackedTask> before,
            Function<TrackedTask, TrackedTask.Transition> event, String step, Long dueAtSeconds) {
        TrackedTask task = fresh(RecordStatus.NOTIFIED, 5 * S);
        before.accept(task);

        TrackedTask.Transition transition = event.apply(task);

        assertThat(transition.toString()).isEqualTo(step);
        assertThat(task.dueAt()).isEqualTo(dueAtSeconds * S);
        assertThat(task.ended()).isEqualTo(step.startsWith("END") || step.equals("IGNORED"));
    }

    /** A tracker fed by callbacks (a reconciliation interval of 60 s; 5 s for statuses past RECORDING). */
    static Stream<Arguments> hints() {
        Consumer<TrackedTask> inFlight = t -> t.due(0);
        Consumer<TrackedTask> recording = t -> t.answered(RecordStatus.RECORDING, false, 0);
        Consumer<TrackedTask> fellBack = t -> {
            t.answered(RecordStatus.RECORDING, false, 0);
            t.answered(RecordStatus.TRANSCODING, false, 0);
        };
        return Stream.of(
            row("new", NEW, "answered RECORDING: the first answer only sets the stage",
                    t -> t.answered(RecordStatus.RECORDING, false, 0), "WAIT (changed from null)", 60L),
            row("new", NEW, "answered UPLOADED first", t -> t.answered(RecordStatus.UPLOADED, false, 0),
                    "WAIT (changed from null)", 60L),
            row("RECORDING", recording, "hinted: due now", t -> t.hinted(RecordStatus.AWAITING_TRANSCODE, 7 * S),
                    "WAIT", 7L),
            row("RECORDING", recording, "hinted finished, then answered TRANSCODING: still on callbacks", t -> {
                t.hinted(RecordStatus.AWAITING_TRANSCODE, 7 * S);
                t.due(7 * S);
                return t.answered(RecordStatus.TRANSCODING, false, 8 * S);
            }, "WAIT (changed from RECORDING)", 68L),
            row("RECORDING", recording, "answered TRANSCODING that no hint announced: back to polling",
                    t -> t.answered(RecordStatus.TRANSCODING, false, 3 * S), "WAIT (changed from RECORDING)", 8L),
            row("fell back", fellBack, "hinted again, then answered: on callbacks again", t -> {
                t.hinted(RecordStatus.UPLOADED, 1 * S);
                t.due(1 * S);
                return t.answered(RecordStatus.UPLOADED, false, 2 * S);
            }, "WAIT (changed from TRANSCODING)", 62L),
            row("in flight", inFlight, "hinted: noted", t -> t.hinted(RecordStatus.RECORDING, 3 * S), "NOTED", 0L),
            row("RECORDING", recording, "hinted RECORDING, which the last answer showed: noted, due time kept",
                    t -> t.hinted(RecordStatus.RECORDING, 7 * S), "NOTED", 60L),
            row("RECORDING", recording, "hinted an event of no known stage: due now",
                    t -> t.hinted(RecordStatus.UNRECOGNIZED, 7 * S), "WAIT", 7L),
            row("in flight", inFlight, "hinted, then answered: asked again at once", t -> {
                t.hinted(RecordStatus.RECORDING, 3 * S);
                return t.answered(RecordStatus.RECORDING, false, 4 * S);
            }, "WAIT (changed from null)", 4L),
            row("in flight", inFlight, "hinted, then failed: the retry is the next request", t -> {
                t.hinted(RecordStatus.RECORDING, 3 * S);
                t.failed(true, 4 * S);
                t.due(5 * S);
                return t.answered(RecordStatus.RECORDING, false, 6 * S);
            }, "WAIT (changed from null)", 66L),
            row("ended", ENDED, "hinted", t -> t.hinted(RecordStatus.UPLOADED, 0), "IGNORED", 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hints")
    void hintsMoveTasksWhereTheTableSays(String name, Consumer<TrackedTask> before,
            Function<TrackedTask, TrackedTask.Transition> event, String step, Long dueAtSeconds) {
        TrackedTask task = fresh(RecordStatus.NOTIFIED, 5 * S, RECONCILIATION);
        before.accept(task);

        TrackedTask.Transition transition = event.apply(task);

        assertThat(transition.toString()).isEqualTo(step);
        assertThat(task.dueAt()).isEqualTo(dueAtSeconds * S);
    }

    @ParameterizedTest(name = "interval {0} ns")
    @MethodSource("shortIntervals")
    void aRetryOrARefusalWaitsASecondAtMostItsInterval(long interval) {
        TrackedTask retried = fresh(RecordStatus.NOTIFIED, interval);
        TrackedTask refused = fresh(RecordStatus.NOTIFIED, interval);
        retried.answered(RecordStatus.TRANSCODING, false, 0);
        refused.answered(RecordStatus.TRANSCODING, false, 0);

        retried.failed(true, 0);
        refused.refused(0);

        assertThat(retried.dueAt()).isEqualTo(Math.min(S, interval));
        assertThat(refused.dueAt()).isEqualTo(Math.min(S, interval));
    }

    static Stream<Long> shortIntervals() {
        return Stream.of(S / 2, 3 * S);
    }

    @Test
    void itsStateSaysHowLongItHasBeenTrackedUnchangedAndOverdue() {
        TrackedTask task = fresh(RecordStatus.NOTIFIED, 5 * S);

        assertThat(task.state(3 * S).toString()).isEqualTo("TrackedTaskState[" + TaskRef.of(1, 2)
                + ": no status yet -> NOTIFIED, tracked PT3S, unchanged PT3S, overdue PT3S]");
        task.due(3 * S);
        assertThat(task.state(4 * S).inFlight()).isTrue();
        assertThat(task.state(4 * S).overdueBy()).isZero();
        task.answered(RecordStatus.TRANSCODING, false, 4 * S);
        task.due(9 * S);
        task.answered(RecordStatus.TRANSCODING, false, 9 * S);

        TrackedTaskState state = task.state(16 * S);
        assertThat(state.status()).contains(RecordStatus.TRANSCODING);
        assertThat(state.trackedFor()).hasSeconds(16);
        assertThat(state.unchangedFor()).as("since the answer that first showed TRANSCODING").hasSeconds(12);
        assertThat(state.overdueBy()).as("due at 14 s").hasSeconds(2);
        assertThat(state.inFlight()).isFalse();
    }
}
