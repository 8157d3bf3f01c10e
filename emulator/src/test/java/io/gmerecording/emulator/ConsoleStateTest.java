package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the console's page polls: rooms, tasks, requests with their action and latency, and never a secret. */
class ConsoleStateTest {

    private static final long BIZ = 1400000000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final GmeEmulator emulator = GmeEmulator.builder().clock(clock).simulationStep(Duration.ofSeconds(1))
            .build();
    private final GmeRecording client = GmeRecording.builder().transport(HttpTransport.builder()
            .endpoint(emulator.endpoint()).clock(clock)
            .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey())).build()).build();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStateShowsRoomsTasksAndRequestsAsTheyAre() throws Exception {
        emulator.room(BIZ, "state-room").join("alice").join("bob").mute("bob");
        StartedRecording started = client.control().start(RoomRef.of(BIZ, "state-room"), RecordMode.SINGLE_STREAM,
                Subscription.everyone());
        client.control().stop(started.task());
        clock.advance(Duration.ofSeconds(1));

        HttpResponse<String> answer = get(Console.STATE);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode state = JSON.readTree(answer.body());
        assertThat(state.path("endpoint").asText()).isEqualTo(emulator.endpoint());

        JsonNode room = state.path("rooms").get(0);
        assertThat(room.path("roomId").asText()).isEqualTo("state-room");
        assertThat(room.path("users").findValuesAsText("userId")).containsExactly("alice", "bob");
        assertThat(room.path("users").get(1).path("speaking").asBoolean()).isFalse();

        JsonNode task = state.path("tasks").get(0);
        assertThat(task.path("taskId").asText()).as("a string, as JavaScript cannot hold a 64-bit id")
                .isEqualTo(String.valueOf(started.task().taskId()));
        assertThat(task.path("status").asLong()).isEqualTo(11);
        assertThat(task.path("recordings").findValuesAsText("userId")).contains("alice");

        JsonNode requests = state.path("requests");
        assertThat(requests.findValuesAsText("action")).as("newest first").containsExactly("StopRecord",
                "StartRecord");
        assertThat(requests.get(0).path("account").asText()).isEqualTo(AcceptedKey.DEMO.secretId());
        assertThat(requests.get(0).path("latencyMillis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(requests.get(0).path("errorCode").isNull()).isTrue();
        assertThat(answer.body()).doesNotContain(AcceptedKey.DEMO.secretKey()).doesNotContain("Signature=");
    }

    @Test
    void theConsoleIsAPageAtTheRootAndNothingElseIsServedBesideIt() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.body()).contains(Console.STATE);
        assertThat(emulator.consoleUrl()).isEqualTo(emulator.endpoint() + "/");

        assertThat(get("/x").body()).as("any other GET is not the API").contains("UnsupportedProtocol");
        assertThat(get(Console.STATE + "/more").statusCode()).isEqualTo(405);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + Console.STATE))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }
}
