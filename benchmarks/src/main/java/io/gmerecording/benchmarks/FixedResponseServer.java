package io.gmerecording.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.gmerecording.emulator.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server that reads the request and answers the seed envelope, nothing more, so that the clients, not the
 * server, are what the end-to-end figures measure. {@link #main} runs it in a JVM of its own (the end-to-end figures
 * start it so, on a CPU of its own where the machine has two), printing its endpoint and certificate file, until its
 * standard input closes.
 */
public final class FixedResponseServer implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final TlsIdentity tls;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    FixedResponseServer() throws IOException {
        this(false);
    }

    /** With {@code https}, a self-signed certificate for 127.0.0.1, made now; {@link #certificate()} is its file. */
    FixedResponseServer(boolean https) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        tls = https ? TlsIdentity.selfSigned() : null;
        if (tls == null) {
            server = HttpServer.create(address, 256);
        } else {
            HttpsServer secure = HttpsServer.create(address, 256);
            secure.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            server = secure;
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, Fixtures.SEED_BYTES.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(Fixtures.SEED_BYTES);
            }
        });
        server.start();
    }

    /** Arguments: {@code http} or {@code https}. Prints the endpoint, then the certificate file or "-". */
    public static void main(String[] args) throws IOException {
        try (FixedResponseServer server = new FixedResponseServer("https".equals(args[0]))) {
            System.out.println(server.endpoint());
            System.out.println(server.certificate() == null ? "-" : server.certificate().toString());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes our standard input (or dies)
            }
        }
    }

    String endpoint() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The certificate clients must trust; null for plain http. */
    Path certificate() {
        return tls == null ? null : tls.certificateFile();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (tls != null) {
            tls.delete();
        }
    }
}
