package io.gmerecording.examples.properties;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback server that answers HTTP 200 with whatever body it was last given and keeps the last request body. */
final class FixedAnswerServer implements AutoCloseable {

    private final HttpServer server;
    private volatile byte[] answer = new byte[0];
    private volatile byte[] lastRequest = new byte[0];
    final AtomicInteger requests = new AtomicInteger();

    FixedAnswerServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                lastRequest = in.readAllBytes();
            }
            requests.incrementAndGet();
            byte[] body = answer;
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(byte[] body) {
        this.answer = body.clone();
    }

    byte[] lastRequest() {
        return lastRequest.clone();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
