package io.gmerecording.examples.springboot;

import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.junit.GmeEmulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application on a random port, its port pointed at an emulator (the JUnit 5 extension) with the demo key. */
abstract class AgainstTheEmulator {

    @RegisterExtension
    static final GmeEmulatorExtension EMULATOR = new GmeEmulatorExtension();

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry properties) {
        properties.add("gme.recording.endpoint", () -> EMULATOR.emulator().endpoint());
        properties.add("gme.recording.credentials.secret-id", AcceptedKey.DEMO::secretId);
        properties.add("gme.recording.credentials.secret-key", AcceptedKey.DEMO::secretKey);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
