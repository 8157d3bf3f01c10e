package example;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.emulator.GmeEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordingsAppTest {

    static final GmeEmulator EMULATOR = GmeEmulator.builder().build();

    static {
        System.setProperty("gme.emulator.endpoint", EMULATOR.endpoint());
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @LocalServerPort
    int port;

    @Test
    void startsAndAnswersThroughThePort() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> found = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/recordings/3400352518/446192236330927912")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/recordings/3400352518/42")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"roomId\":\"7743\"");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ResourceNotFound.TaskNotFound");
    }
}
