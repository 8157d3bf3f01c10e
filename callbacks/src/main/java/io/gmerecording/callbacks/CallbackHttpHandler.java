package io.gmerecording.callbacks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The callback endpoint for the JDK's HTTP server ({@code com.sun.net.httpserver}), no servlet container needed:
 * a POST whose body and {@code Signature} the {@link CallbackReceiver} takes is answered 200 and passed to the
 * listener once; a repeat is answered 200 and not passed on; a refusal is answered with its reason's status (401 for
 * the signature or a stale event, 400 for a malformed body, 413 for an oversized one) and a JSON body naming the
 * reason; anything but POST is 405. A listener that throws gets a 500, and the event is forgotten so the service's
 * retry is taken.
 */
public final class CallbackHttpHandler implements HttpHandler {

    private final CallbackReceiver receiver;
    private final CallbackListener listener;

    public CallbackHttpHandler(CallbackReceiver receiver, CallbackListener listener) {
        this.receiver = Objects.requireNonNull(receiver, "receiver must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, "MethodNotAllowed", "the callback endpoint takes POST only");
                return;
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null && declaredOver(length)) {
                refuse(exchange, new CallbackRefusedException(CallbackRefusedException.Reason.TOO_LARGE,
                        "the callback's body is over " + receiver.maxBodyBytes() + " bytes"));
                return;
            }
            CallbackReceiver.Received received;
            try (InputStream body = exchange.getRequestBody()) {
                received = receiver.receive(body, exchange.getRequestHeaders().getFirst("Signature"));
            } catch (CallbackRefusedException e) {
                refuse(exchange, e);
                return;
            }
            if (received.duplicate()) {
                listener.duplicate(received.event());
                answer(exchange, 200, "Duplicate", "already taken");
                return;
            }
            try {
                listener.event(received.event());
            } catch (Exception e) {
                receiver.forget(received.event());
                answer(exchange, 500, "NotTaken", "the application could not take the event ("
                        + e.getClass().getSimpleName() + "); send it again");
                return;
            }
            answer(exchange, 200, "OK", "taken");
        } finally {
            exchange.close();
        }
    }

    private boolean declaredOver(String length) {
        try {
            return Long.parseLong(length.trim()) > receiver.maxBodyBytes();
        } catch (NumberFormatException e) {
            return false; // the body itself is read against the cap
        }
    }

    private void refuse(HttpExchange exchange, CallbackRefusedException refusal) throws IOException {
        listener.refused(refusal);
        answer(exchange, refusal.reason().httpStatus(), refusal.reason().name(), refusal.getMessage());
    }

    private static void answer(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("{\"code\":\"" + code + "\",\"message\":\"" + escaped(message) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
