package io.gmerecording.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The sample's start and stop endpoints against a room of the emulator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoomRecordingTest extends AgainstTheEmulator {

    @Test
    void aRoomIsStartedOnceStoppedAndAnEmptyOneIsA404() throws Exception {
        EMULATOR.emulator().room(3400352518L, "web-room").join("1001");

        HttpResponse<String> started = send(to("/rooms/3400352518/web-room/recording")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode task = new ObjectMapper().readTree(started.body());
        assertThat(task.get("alreadyRunning").asBoolean()).isFalse();
        long taskId = task.get("taskId").asLong();

        HttpResponse<String> again = send(to("/rooms/3400352518/web-room/recording")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(new ObjectMapper().readTree(again.body()).get("taskId").asLong()).isEqualTo(taskId);
        assertThat(again.body()).contains("\"alreadyRunning\":true");
        assertThat(get("/recordings/3400352518/" + taskId).body()).contains("\"roomId\":\"web-room\"")
                .contains("\"userId\":\"1001\"");

        assertThat(send(to("/recordings/3400352518/" + taskId).DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(to("/recordings/3400352518/" + taskId).DELETE()).statusCode()).isEqualTo(404);

        HttpResponse<String> empty = send(to("/rooms/3400352518/nobody/recording")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.statusCode()).isEqualTo(404);
        assertThat(empty.body()).contains("ResourceNotFound.RoomNotFound");
    }
}
