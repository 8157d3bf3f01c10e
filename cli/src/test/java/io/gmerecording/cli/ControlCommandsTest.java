package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** start, room, modify and stop against the emulator: their lines, their JSON, their errors and exit codes. */
class ControlCommandsTest extends AgainstTheEmulator {

    private static final String BIZ = "3400352518";

    private CliRun control(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "--biz-id", BIZ, "--endpoint", emulator.endpoint()));
        args.addAll(List.of(options));
        return run(args.toArray(new String[0]));
    }

    @Test
    void aRoomIsStartedFoundModifiedAndStopped() throws Exception {
        emulator.room(3400352518L, "cli-room").join("1").join("2");

        CliRun started = control("start", "--room-id", "cli-room", "--output", "json");
        assertThat(started.exitCode).as(started.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(started.out);
        String taskId = json.get("taskId").asText();
        assertThat(json.get("alreadyRunning").asBoolean()).isFalse();
        assertThat(json.get("roomId").asText()).isEqualTo("cli-room");

        CliRun again = control("start", "--room-id", "cli-room", "--adapter", "sdk");
        assertThat(again.out.trim()).isEqualTo("task " + taskId + " was already recording room cli-room "
                + "(SINGLE_STREAM, every user)");

        CliRun room = control("room", "--room-id", "cli-room");
        assertThat(room.out.trim()).isEqualTo("room cli-room: task " + taskId + ", SINGLE_STREAM, every user");

        CliRun modified = control("modify", "--task-id", taskId, "--mode", "both", "--all-but", "2");
        assertThat(modified.exitCode).as(modified.toString()).isZero();
        assertThat(modified.out.trim()).isEqualTo("task " + taskId + " now records SINGLE_AND_MIXED, every user "
                + "but 2");
        JsonNode found = new ObjectMapper().readTree(control("room", "--room-id", "cli-room", "--output", "json",
                "--adapter", "sdk").out);
        assertThat(found.get("subscription").asText()).isEqualTo("ALL_BUT");
        assertThat(found.get("userIds").get(0).asText()).isEqualTo("2");
        assertThat(found.get("recordMode").asText()).isEqualTo("SINGLE_AND_MIXED");

        CliRun stopped = control("stop", "--task-id", taskId);
        assertThat(stopped.out.trim()).isEqualTo("task " + taskId + " stopped");
        CliRun stoppedAgain = control("stop", "--task-id", taskId);
        assertThat(stoppedAgain.exitCode).isEqualTo(1);
        assertThat(stoppedAgain.out).startsWith("ERROR ResourceNotFound.TaskNotFound: ");
        assertThat(control("room", "--room-id", "cli-room").out.trim()).isEqualTo("room cli-room has no recording "
                + "task");
    }

    @Test
    void theSubscriptionRulesAreUsageErrorsBeforeAnythingIsSent() {
        List<String> users = new ArrayList<>(List.of("--room-id", "r"));
        for (int i = 1; i <= 21; i++) {
            users.add("--only");
            users.add("user-" + i);
        }
        CliRun tooMany = control("start", users.toArray(new String[0]));
        CliRun both = control("start", "--room-id", "r", "--only", "1", "--all-but", "2");
        CliRun empty = control("modify", "--task-id", "7", "--all-but", "");

        assertThat(tooMany.exitCode).isEqualTo(2);
        assertThat(tooMany.err).contains("only takes at most 20 user ids, got 21");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("give --only or --all-but, not both");
        assertThat(empty.exitCode).isEqualTo(2);
        assertThat(empty.err).contains("allBut has an empty user id");
        assertThat(emulator.requestLog().entries()).as("nothing was sent").isEmpty();
    }

    @Test
    void anEmptyRoomIsAnErrorOfTheServiceExitOne() {
        CliRun run = control("start", "--room-id", "nobody-here", "--output", "json");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).startsWith("{\"error\":{\"code\":\"ResourceNotFound.RoomNotFound\"");
    }
}
