package io.gmerecording.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.callbacks.RecordingEventType;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.CallbackDelivery;
import io.gmerecording.emulator.CallbackTarget;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.TaskEnd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application receives the emulator's callbacks at /gme/callback: its tracker, polling only every hour,
 * reports the task's end once, right after the upload event. The emulator must know the application's URL when it
 * starts, so the application's port is chosen free here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RecordingCallbacksTest {

    private static final String APP_KEY = "sample-app-permission-key";
    private static final long BIZ = 3400352518L;
    private static final int PORT = freePort();
    private static final GmeEmulator EMULATOR = GmeEmulator.builder().simulationStep(Duration.ofMillis(200))
            .callbacks(CallbackTarget.to(URI.create("http://127.0.0.1:" + PORT + "/gme/callback"), APP_KEY))
            .build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("gme.recording.endpoint", EMULATOR::endpoint);
        properties.add("gme.recording.credentials.secret-id", AcceptedKey.DEMO::secretId);
        properties.add("gme.recording.credentials.secret-key", AcceptedKey.DEMO::secretKey);
        properties.add("gme.recording.callback.app-key", () -> APP_KEY);
        properties.add("gme.recording.tracker.recording-interval", () -> "1h");
        properties.add("gme.recording.tracker.interval", () -> "1h");
    }

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @Autowired
    RecordingFiles files;

    @Test
    void theEmulatorsCallbacksMakeTheTrackerReportTheEndOnceRightAfterTheUpload() throws Exception {
        EMULATOR.room(BIZ, "called-back").join("1001");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                + "/rooms/" + BIZ + "/called-back/recording")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        TaskRef task = TaskRef.of(BIZ, new ObjectMapper().readTree(started.body()).get("taskId").asLong());
        waitFor(() -> !files.events().isEmpty());

        int stopped = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/recordings/" + BIZ
                + "/" + task.taskId())).DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        waitFor(() -> !files.ends().isEmpty());

        assertThat(stopped).isEqualTo(204);
        assertThat(files.ends()).singleElement().satisfies(end -> {
            assertThat(end.task()).isEqualTo(task);
            assertThat(end.outcome()).isEqualTo(TaskEnd.Outcome.REACHED);
        });
        assertThat(files.events()).extracting(event -> event.type()).containsExactly(
                RecordingEventType.RECORDING_STARTED, RecordingEventType.RECORDING_FINISHED,
                RecordingEventType.UPLOADED);
        assertThat(EMULATOR.callbackDeliveries()).allSatisfy(delivery -> assertThat(delivery.status())
                .hasValue(200)).extracting(CallbackDelivery::attempt).containsOnly(1);
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                + "/gme/callback")).header("Signature", "0".repeat(40))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("BAD_SIGNATURE").doesNotContain(APP_KEY);
    }

    /** Waits up to 20 s for what the emulator's clock and deliveries bring about. */
    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && until - System.nanoTime() > 0) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("within 20 s").isTrue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
