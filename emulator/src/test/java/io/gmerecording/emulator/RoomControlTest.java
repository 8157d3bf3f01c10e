package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control endpoints move users as the builder API does, and name what is wrong with a request. */
class RoomControlTest {

    private final GmeEmulator emulator = GmeEmulator.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void usersJoinMuteAndLeaveThroughTheEndpointsAsThroughTheRoom() throws Exception {
        assertThat(send("POST", "/emulator/rooms/1400000000/room%20one/users/999/join").body())
                .isEqualTo("{\"BizId\":1400000000,\"RoomId\":\"room one\",\"Users\":[\"999\"]}");
        send("POST", "/emulator/rooms/1400000000/room%20one/users/a+b/join");
        assertThat(emulator.room(1400000000L, "room one").users()).containsExactly("999", "a+b");

        send("POST", "/emulator/rooms/1400000000/room%20one/users/999/mute");
        send("POST", "/emulator/rooms/1400000000/room%20one/users/999/unmute");
        HttpResponse<String> left = send("POST", "/emulator/rooms/1400000000/room%20one/users/999/leave");
        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/emulator/rooms/1400000000/room%20one").body()).contains("\"Users\":[\"a+b\"]");
    }

    @Test
    void aBadValueAnUnknownPathAndAWrongMethodAreNamed() throws Exception {
        HttpResponse<String> badBiz = send("POST", "/emulator/rooms/abc/r/users/1/join");
        assertThat(badBiz.statusCode()).isEqualTo(400);
        assertThat(badBiz.body()).contains("bizId must be a positive 64-bit integer, got \\\"abc\\\"");
        assertThat(send("POST", "/emulator/rooms/1/r/users/0/join").body()).contains("mixed stream");
        assertThat(send("POST", "/emulator/rooms/1/r/users/1/dance").body()).contains("not \\\"dance\\\"");
        assertThat(send("GET", "/emulator/rooms/1").statusCode()).isEqualTo(404);
        HttpResponse<String> wrong = send("GET", "/emulator/rooms/1/r/users/1/join");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("POST");
        assertThat(send("DELETE", "/emulator/rooms/1/r").statusCode()).isEqualTo(405);
    }
}
