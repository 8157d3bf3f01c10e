package io.gmerecording.callbacks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The callback endpoint for the JDK's HTTP server ({@code com.sun.net.httpserver}), no servlet container needed; it
 * answers as {@link CallbackEndpoint} says (200 taken or a repeat, 401, 400, 413, 405, 500 when the listener threw).
 */
public final class CallbackHttpHandler implements HttpHandler {

    private final CallbackEndpoint endpoint;

    public CallbackHttpHandler(CallbackReceiver receiver, CallbackListener listener) {
        this.endpoint = new CallbackEndpoint(receiver, listener);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            CallbackEndpoint.Answer answer;
            try (InputStream body = exchange.getRequestBody()) {
                answer = endpoint.answer(exchange.getRequestMethod(), contentLength(exchange), body,
                        exchange.getRequestHeaders().getFirst("Signature"));
            }
            if (answer.status() == 405) {
                exchange.getResponseHeaders().set("Allow", "POST");
            }
            byte[] body = answer.body();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    private static long contentLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the body itself is read against the cap
        }
    }
}
