package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void demoFixturesHoldTheSeedTaskAndASimulatedOne() {
        Fixtures demo = Fixtures.demo();

        assertThat(demo.taskIds()).anySatisfy(ids -> assertThat(ids).containsExactly(3400352518L, 446192236330927912L));
        assertThat(demo.simulatedTaskIds()).hasSize(1);
        assertThat(demo.task(3400352518L, 446192236330927912L).roomId).isEqualTo("7743");
        assertThat(demo.knowsApp(3400352518L)).isTrue();
        assertThat(demo.knowsApp(1L)).isFalse();
    }

    @Test
    void badFixturesAreRejectedNamingTheEntry() {
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("\"tasks\" array");
        assertThatThrownBy(() -> parse("{\"tasks\":[{\"BizId\":0,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1}]}"))
                .hasMessageContaining("tasks[0].BizId").hasMessageContaining("0");
        assertThatThrownBy(() -> parse("{\"tasks\":[{\"BizId\":1,\"TaskId\":1,\"RoomId\":7,\"RecordMode\":1}]}"))
                .hasMessageContaining("tasks[0].RoomId");
        assertThatThrownBy(() -> parse("{\"tasks\":[{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1},"
                + "{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1}]}")).hasMessageContaining("repeats");
        assertThatThrownBy(() -> parse("{\"tasks\":[{\"BizId\":1,\"TaskId\":1,\"RoomId\":\"r\",\"RecordMode\":1,"
                + "\"Simulated\":{\"StepMillis\":-5}}]}")).hasMessageContaining("StepMillis");
        assertThatThrownBy(() -> parse("{oops")).hasMessageContaining("not valid JSON");
    }

    private static Fixtures parse(String json) {
        return Fixtures.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }
}
