package io.gmerecording.contract;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.Transport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One WireMock server on a free loopback port for a whole contract class, emptied before each test, and the adapter
 * under test, built by the {@link ContractTransport} its test class gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WireMockContract {

    protected WireMockServer server;
    private final ContractTransport transports;

    protected WireMockContract(ContractTransport transports) {
        this.transports = transports;
    }

    /** The adapter under test, talking to {@code endpoint} with these credentials and this timeout for all. */
    protected Transport newTransport(String endpoint, Credentials credentials, Duration timeout) {
        return transports.build(endpoint, credentials, timeout);
    }

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
