package io.gmerecording.contract;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One WireMock server on a free loopback port for a whole contract class, emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WireMockContract {

    protected WireMockServer server;

    @BeforeAll
    void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
    }

    protected String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }
}
