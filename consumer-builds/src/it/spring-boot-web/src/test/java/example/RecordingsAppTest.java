package example;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.callbacks.CallbackSignature;
import io.gmerecording.emulator.GmeEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    RecordingEvents events;

    @Test
    void takesOneSignedCallbackOnceAndRefusesAForgedOne() throws Exception {
        String body = "{\"BizID\":1400000000,\"RoomID\":\"100\",\"UserID\":\"999\",\"TaskID\":446946705284000000,"
                + "\"RecordMode\":1,\"Timestamp\":1675930605,\"EventType\":3,\"Detail\":{\"SeqNo\":0,"
                + "\"FileName\":\"f.mp3\"}}";
        String signature = CallbackSignature.sign("consumer-build-app-key".getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest signed = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/gme/callback"))
                .header("Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();

        HttpResponse<String> taken = client.send(signed, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = client.send(signed, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/gme/callback")).header("Signature", "0".repeat(40)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(events.received()).singleElement().satisfies(event -> assertThat(event.task().taskId())
                .isEqualTo(446946705284000000L));
    }

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
