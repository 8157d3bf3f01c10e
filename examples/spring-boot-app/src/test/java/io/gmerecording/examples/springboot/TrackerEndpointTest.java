package io.gmerecording.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample's {@code /actuator/gmerecording}: a task the application started is listed with its status and since
 * when; the budget shows its limits. Long intervals keep the task tracked (and its status RECORDING) during the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "gme.recording.tracker.recording-interval=1h"})
class TrackerEndpointTest extends AgainstTheEmulator {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEndpointListsTheTaskTheApplicationStartedAndTheBudget() throws Exception {
        Instant before = Instant.now();
        EMULATOR.emulator().room(3400352518L, "endpoint-room").join("2002");
        HttpResponse<String> started = send(to("/rooms/3400352518/endpoint-room/recording")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        long taskId = JSON.readTree(started.body()).get("taskId").asLong();

        JsonNode shown = awaitAnswered(taskId);

        JsonNode tracker = shown.get("tracker");
        assertThat(tracker.get("running").asBoolean()).isTrue();
        JsonNode task = listed(tracker, taskId);
        assertThat(task.get("bizId").asLong()).isEqualTo(3400352518L);
        assertThat(task.get("target").asText()).isEqualTo("NOTIFIED");
        assertThat(task.get("status").asText()).isEqualTo("RECORDING");
        assertThat(Instant.parse(task.get("statusSince").asText())).isBetween(before, Instant.now());
        assertThat(Instant.parse(task.get("trackedSince").asText())).isBetween(before, Instant.now());
        assertThat(task.get("staleness").asText()).isEqualTo("PT0S");
        JsonNode budget = shown.get("budget");
        assertThat(budget.get("maxRequestsPerSecond").asDouble()).isEqualTo(20.0);
        assertThat(budget.get("scope").asText()).isEqualTo("this instance");
    }

    /** The endpoint until the tracker's first answer about the task is in (its status shown). */
    private JsonNode awaitAnswered(long taskId) throws Exception {
        JsonNode shown = null;
        Instant giveUp = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(giveUp)) {
            HttpResponse<String> answer = get("/actuator/gmerecording");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            shown = JSON.readTree(answer.body());
            JsonNode task = listed(shown.get("tracker"), taskId);
            if (task != null && !task.get("status").isNull()) {
                return shown;
            }
        }
        throw new AssertionError("the task " + taskId + " never showed a status: " + shown);
    }

    private static JsonNode listed(JsonNode tracker, long taskId) {
        for (JsonNode task : tracker.get("tasks")) {
            if (task.get("taskId").asLong() == taskId) {
                return task;
            }
        }
        return null;
    }
}
