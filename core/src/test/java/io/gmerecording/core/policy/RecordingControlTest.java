package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordingControl;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.error.TransportException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle port's retry rules, against rooms simulated in memory whose answers can be lost. */
class RecordingControlTest {

    private static final RoomRef ROOM = RoomRef.of(1400000000L, "100");

    /** Rooms with at most one task each; each request is logged, and a fault planned for it applies first. */
    private static final class Rooms implements Transport {
        final Map<RoomRef, Long> tasks = new HashMap<>();
        final List<String> requests = new ArrayList<>();
        /** For each coming request: null to answer, "lost" to act and then time out, or an error code to refuse. */
        final Deque<String> faults = new ArrayDeque<>();
        long nextTask = 446946705284000000L;

        Rooms then(String fault) {
            faults.add(fault);
            return this;
        }

        private void fault(String action, Runnable act) {
            requests.add(action);
            String fault = faults.isEmpty() ? null : faults.poll();
            if (fault != null && !fault.equals("lost")) {
                throw ErrorCodes.exception(fault, action + " refused", "req-" + requests.size());
            }
            act.run();
            if ("lost".equals(fault)) {
                throw ErrorCodes.timeout(action + ": no answer within 10000 ms", null);
            }
        }

        @Override
        public synchronized StartedRecording startRecord(RoomRef room, RecordMode mode, Subscription subscription) {
            fault("StartRecord", () -> {
                if (tasks.containsKey(room)) {
                    throw ErrorCodes.exception("ResourceInUse.TaskInUse", "the room is recorded", "req-in-use");
                }
                tasks.put(room, nextTask++);
            });
            return StartedRecording.started(room.task(tasks.get(room)), "req-" + requests.size());
        }

        @Override
        public synchronized String stopRecord(TaskRef task) {
            fault("StopRecord", () -> {
                if (!tasks.values().remove(task.taskId())) {
                    throw ErrorCodes.exception("ResourceNotFound.TaskNotFound", "no such task", "req-gone");
                }
            });
            return "req-" + requests.size();
        }

        @Override
        public synchronized String modifyRecordInfo(TaskRef task, RecordMode mode, Subscription subscription) {
            fault("ModifyRecordInfo", () -> { });
            return "req-" + requests.size();
        }

        @Override
        public synchronized RoomTask describeTaskInfo(RoomRef room) {
            fault("DescribeTaskInfo", () -> { });
            Long task = tasks.get(room);
            if (task == null) {
                throw ErrorCodes.exception("ResourceNotFound.RoomNotFound", "no task in the room", "req-none");
            }
            return RoomTask.of(room.task(task), room, 1, Subscription.everyone(), "req-" + requests.size());
        }

        @Override
        public RecordingTask describe(TaskRef task) {
            throw new AssertionError("not asked");
        }
    }

    private final FakeTime time = new FakeTime();

    private RecordingControl control(Rooms rooms) {
        return GmeRecording.builder().transport(rooms).permits(action -> ScriptedQuery.UNLIMITED).timeSource(time)
                .build().control();
    }

    @Test
    void aStartThatStartsAnswersItsTaskAsNew() {
        Rooms rooms = new Rooms();

        StartedRecording started = control(rooms).start(ROOM, RecordMode.SINGLE_STREAM, Subscription.everyone());

        assertThat(started.alreadyRunning()).isFalse();
        assertThat(started.task()).isEqualTo(ROOM.task(446946705284000000L));
        assertThat(rooms.requests).containsExactly("StartRecord");
    }

    @Test
    void aStartWhoseAnswerWasLostIsRetriedAndGivesTheOneTaskAsAlreadyRunning() {
        Rooms rooms = new Rooms().then("lost");

        StartedRecording started = control(rooms).start(ROOM, RecordMode.MIXED_STREAM, Subscription.everyone());

        assertThat(rooms.tasks).as("one task for the room").hasSize(1);
        assertThat(started.task()).isEqualTo(ROOM.task(rooms.tasks.get(ROOM)));
        assertThat(started.alreadyRunning()).isTrue();
        assertThat(rooms.requests).containsExactly("StartRecord", "StartRecord", "DescribeTaskInfo");
    }

    @Test
    void aRoomSomeoneElseRecordsGivesItsRunningTask() {
        Rooms rooms = new Rooms();
        rooms.tasks.put(ROOM, 7L);

        StartedRecording started = control(rooms).start(ROOM, RecordMode.SINGLE_STREAM, Subscription.everyone());

        assertThat(started).isEqualTo(StartedRecording.alreadyRunning(ROOM.task(7), "any"));
        assertThat(rooms.requests).containsExactly("StartRecord", "DescribeTaskInfo");
    }

    @Test
    void aStartThatNeverGotThroughThrowsItsOwnFailureWhenTheRoomHasNoTask() {
        Rooms rooms = new Rooms().then("InternalError").then("InternalError").then("InternalError");

        RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                () -> control(rooms).start(ROOM, RecordMode.SINGLE_STREAM, Subscription.everyone()));

        assertThat(error.code()).isEqualTo("InternalError");
        assertThat(error.getSuppressed()).extracting(t -> ((RecordingQueryException) t).code())
                .contains("ResourceNotFound.RoomNotFound");
        assertThat(rooms.tasks).isEmpty();
    }

    @Test
    void aStopRetriedAfterALostAnswerSucceedsOnce() {
        Rooms rooms = new Rooms().then("lost");
        rooms.tasks.put(ROOM, 7L);

        control(rooms).stop(ROOM.task(7));

        assertThat(rooms.tasks).isEmpty();
        assertThat(rooms.requests).containsExactly("StopRecord", "StopRecord");
    }

    @Test
    void aStopOfATaskThatNeverWasIsTaskNotFound() {
        Rooms rooms = new Rooms();

        assertThatThrownBy(() -> control(rooms).stop(ROOM.task(9))).isInstanceOf(TaskNotFoundException.class);
        assertThat(rooms.requests).containsExactly("StopRecord");
    }

    @Test
    void aModifyIsRetriedOnlyAfterAFailureThatShowsItWasNotApplied() {
        Rooms throttled = new Rooms().then("RequestLimitExceeded");
        control(throttled).modify(ROOM.task(7), RecordMode.SINGLE_AND_MIXED, Subscription.only(List.of("999")));
        assertThat(throttled.requests).containsExactly("ModifyRecordInfo", "ModifyRecordInfo");

        Rooms lost = new Rooms().then("lost");
        assertThatThrownBy(() -> control(lost).modify(ROOM.task(7), RecordMode.SINGLE_STREAM,
                Subscription.everyone())).isInstanceOf(TransportException.class);
        assertThat(lost.requests).as("a timeout may have applied it").containsExactly("ModifyRecordInfo");

        Rooms failing = new Rooms().then("InternalError");
        assertThatThrownBy(() -> control(failing).modify(ROOM.task(7), RecordMode.SINGLE_STREAM,
                Subscription.everyone())).hasMessageContaining("InternalError");
        assertThat(failing.requests).containsExactly("ModifyRecordInfo");
    }

    @Test
    void theTaskOfARoomIsEmptyWhenItHasNone() {
        Rooms rooms = new Rooms();
        RecordingControl control = control(rooms);

        assertThat(control.taskOf(ROOM)).isEmpty();
        rooms.tasks.put(ROOM, 7L);
        assertThat(control.taskOf(ROOM)).map(RoomTask::task).contains(ROOM.task(7));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent() {
        Rooms rooms = new Rooms();
        RecordingControl control = control(rooms);

        assertThatThrownBy(() -> control.start(ROOM, RecordMode.UNRECOGNIZED, Subscription.everyone()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode must be SINGLE_STREAM, MIXED_STREAM or SINGLE_AND_MIXED, got UNRECOGNIZED");
        assertThatThrownBy(() -> control.modify(ROOM.task(7), RecordMode.SINGLE_STREAM, null))
                .hasMessage("subscription must not be null");
        assertThatThrownBy(() -> control.start(null, RecordMode.SINGLE_STREAM, Subscription.everyone()))
                .hasMessage("room must not be null");
        assertThat(rooms.requests).isEmpty();
    }

    @Test
    void aClosedClientSendsNothing() {
        Rooms rooms = new Rooms();
        GmeRecording client = GmeRecording.builder().transport(rooms).timeSource(time).build();
        client.close();

        assertThatThrownBy(() -> client.control().stop(ROOM.task(7))).hasMessageContaining(ErrorCodes.CLIENT_CLOSED);
        assertThat(rooms.requests).isEmpty();
    }

    @Test
    void aTransportThatOnlyDescribesRefusesTheLifecycle() {
        Transport describing = task -> {
            throw new AssertionError("not asked");
        };
        RecordingControl control = GmeRecording.builder().transport(describing).timeSource(time).build().control();

        assertThatThrownBy(() -> control.stop(ROOM.task(7))).hasMessageContaining("UnsupportedOperation")
                .hasMessageContaining("this transport does not send StopRecord");
    }
}
