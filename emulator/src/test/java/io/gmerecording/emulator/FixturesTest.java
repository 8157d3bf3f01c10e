package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FixturesTest {

    @Test
    void demoFixturesHoldTheSeedTaskAndASimulatedOne() {
        Fixtures demo = Fixtures.demo();

        assertThat(demo.taskIds()).anySatisfy(ids -> assertThat(ids).containsExactly(3400352518L, 446192236330927912L));
        assertThat(demo.simulatedTaskIds()).hasSize(1);
        assertThat(demo.task(3400352518L, 446192236330927912L).answer().getRoomId()).isEqualTo("7743");
        assertThat(demo.knowsApp(3400352518L)).isTrue();
        assertThat(demo.knowsApp(1L)).isFalse();
    }

    @Test
    void badFixturesAreRejectedNamingTheEntry() {
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("\"tasks\" array");
        assertThatThrownBy(() -> parse("{\"tasks\":[{\"BizId\":0,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1}]}"))
                .hasMessageContaining("tasks[0].BizId").hasMessageContaining("0");
        assertThatThrownBy(() -> parse("{\"tasks\":[{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1},"
                + "{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1}]}")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> parse("{oops")).hasMessageContaining("not valid JSON");
    }

    @Test
    void badRoomsAreRejectedNamingTheEntryAndTheRule() {
        assertThatThrownBy(() -> parse("{\"rooms\":[{\"BizId\":1,\"RoomId\":\"r\",\"Guests\":[]}]}"))
                .hasMessageContaining("rooms[0]: unknown field Guests");
        assertThatThrownBy(() -> parse("{\"rooms\":[{\"BizId\":1,\"RoomId\":\"\"}]}"))
                .hasMessageContaining("rooms[0].RoomId must be a string of 1 to 127 characters");
        assertThatThrownBy(() -> parse("{\"rooms\":[{\"BizId\":1,\"RoomId\":\"r\",\"Users\":[\"0\"]}]}"))
                .hasMessageContaining("rooms[0].Users").hasMessageContaining("mixed stream");
        assertThatThrownBy(() -> parse("{\"rooms\":[{\"BizId\":1,\"RoomId\":\"r\"},{\"BizId\":1,\"RoomId\":\"r\"}]}"))
                .hasMessageContaining("rooms[1] (BizId 1, RoomId r) is listed twice");
        assertThatThrownBy(() -> parse("{\"rooms\":{}}")).hasMessageContaining("\"tasks\" array");
        assertThatThrownBy(() -> parse("{\"tasks\":[],\"room\":[]}")).hasMessageContaining("unknown field room");
        assertThat(parse("{\"rooms\":[{\"BizId\":1,\"RoomId\":\"r\",\"Users\":[\"5\"]}]}").rooms())
                .singleElement().satisfies(room -> assertThat(room.users).containsExactly("5"));
    }

    @Test
    void aKeyGivenTwiceTrailingContentAndParserLimitsAreRefusedNamingWhat() throws Exception {
        String task = "{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1}";
        assertThatThrownBy(() -> parse("{\"tasks\":[" + task + "],\"tasks\":[]}"))
                .hasMessageContaining("not valid JSON").hasMessageContaining("Duplicate field 'tasks'")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("{\"tasks\":[" + task + "]} {\"tasks\":[]}"))
                .hasMessageContaining("not valid JSON").hasMessageContaining("Trailing token");
        String longRoom = "r".repeat(25_000_000); // past the parser's longest string (20 million characters)
        assertThatThrownBy(() -> parse("{\"tasks\":[{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"" + longRoom
                + "\",\"RecordMode\":1}]}")).hasMessageContaining("not valid JSON")
                .hasMessageContaining("exceeds the maximum");
        java.nio.file.Path big = java.nio.file.Files.createTempFile("fixtures", ".json");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(Fixtures.MAX_FILE_BYTES + 1);
            assertThatThrownBy(() -> Fixtures.load(big)).hasMessageContaining("larger than 32 MiB");
        } finally {
            java.nio.file.Files.delete(big);
        }
    }

    /** One bad field each, in the second task; the message names the file, the task and the field. */
    static Stream<Arguments> badTasks() {
        String recording = "\"RecordInfo\":[{\"UserId\":\"u\",\"FileName\":\"f\",\"RecordBeginTime\":1,\"RecordStatus\":2}]";
        return Stream.of(
                Arguments.of("\"RoomId\":7,\"RecordMode\":1", "RoomId has the wrong type (expected String)"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":\"1\"", "RecordMode has the wrong type (expected Long)"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1.5", "RecordMode has the wrong type"),
                Arguments.of("\"RecordMode\":1", "RoomId is required"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":null", "RecordMode is required"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":-1", "RecordMode must not be negative, got -1"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1,\"Room\":\"x\"", "unknown field Room"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1,\"RequestId\":\"x\"", "RequestId is not a fixture field"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1," + recording.replace("RecordStatus", "Status"),
                        "unknown field RecordInfo[0].Status"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1," + recording.replace("\"UserId\":\"u\",", ""),
                        "RecordInfo[0].UserId is required"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1," + recording.replace("\"RecordStatus\":2", "\"RecordStatus\":\"2\""),
                        "RecordInfo[0].RecordStatus has the wrong type"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1," + recording.replace("\"RecordBeginTime\":1",
                        "\"RecordBeginTime\":99999999999999"), "RecordInfo[0].RecordBeginTime must be Unix seconds"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1,\"RecordInfo\":[null]", "RecordInfo[0] is required"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1,\"RecordInfo\":{}", "RecordInfo has the wrong type"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1,\"Simulated\":{\"StepMillis\":-5}", "Simulated.StepMillis"),
                Arguments.of("\"RoomId\":\"r\",\"RecordMode\":1,\"Simulated\":{\"Step\":5}", "unknown field Simulated.Step"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badTasks")
    void aBadFieldIsNamedWithTheFileAndTheTask(String fields, String problem) {
        String good = "{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1}";

        assertThatThrownBy(() -> parse("{\"tasks\":[" + good + ",{\"BizId\":5,\"TaskId\":6," + fields + "}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fixtures test.json: tasks[1]")
                .hasMessageContaining("(BizId 5, TaskId 6)")
                .hasMessageContaining(problem);
    }

    private static Fixtures parse(String json) {
        return Fixtures.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }
}
