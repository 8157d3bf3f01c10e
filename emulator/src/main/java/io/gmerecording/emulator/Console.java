package io.gmerecording.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's web console: the page at {@code GET /} and what it polls, {@code GET /emulator/state} (rooms and
 * their users, the newest tasks and their files, the rate windows of the last second, the newest requests and
 * callback deliveries). The page moves users through {@link RoomControl}. Nothing shown is a secret: requests show
 * the SecretId that signed them, deliveries the receiver's answer, never a key or a signature.
 */
final class Console {

    static final String STATE = "/emulator/state";
    static final int SHOWN = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PAGE = loadPage();

    private final GmeEmulator emulator;
    private final Lifecycle lifecycle;

    Console(GmeEmulator emulator, Lifecycle lifecycle) {
        this.emulator = emulator;
        this.lifecycle = lifecycle;
    }

    private static byte[] loadPage() {
        try (InputStream page = Console.class.getResourceAsStream("console.html")) {
            if (page == null) {
                throw new IllegalStateException("console.html is missing from the emulator's jar");
            }
            return page.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console page from the emulator's jar", e);
        }
    }

    static void page(HttpExchange exchange) throws IOException {
        send(exchange, 200, "text/html; charset=utf-8", PAGE);
    }

    void state(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) || !STATE.equals(exchange.getRequestURI().getPath())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, 405, "application/json", JSON.writeValueAsBytes(Map.of("Error", "only GET " + STATE
                    + " is served here")));
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(snapshot()));
    }

    Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("endpoint", emulator.endpoint());
        state.put("requestsPerSecond", emulator.requestsPerSecond());
        state.put("apps", lifecycle.apps());
        state.put("rooms", lifecycle.rooms());
        state.put("tasks", lifecycle.newestTasks(SHOWN));
        List<Map<String, Object>> windows = new ArrayList<>();
        emulator.recentRequestsPerWindow().forEach((key, count) -> {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("key", key);
            window.put("requests", count);
            windows.add(window);
        });
        state.put("rateWindows", windows);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (RequestLog.Entry entry : emulator.requestLog().newest(SHOWN)) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("arrivedMillis", entry.arrivedMillis());
            request.put("action", entry.action());
            request.put("account", entry.secretId());
            request.put("bizId", entry.bizId());
            request.put("errorCode", entry.errorCode());
            request.put("latencyMillis", entry.latencyMillis());
            requests.add(request);
        }
        state.put("requests", requests);
        state.put("callbacksOn", emulator.sendsCallbacks());
        List<CallbackDelivery> deliveries = emulator.callbackDeliveries();
        List<Map<String, Object>> callbacks = new ArrayList<>();
        for (int i = deliveries.size() - 1; i >= 0 && callbacks.size() < SHOWN; i--) {
            CallbackDelivery delivery = deliveries.get(i);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("sentMillis", delivery.sentAt().toEpochMilli());
            shown.put("taskId", String.valueOf(delivery.taskId()));
            shown.put("eventType", delivery.eventType());
            shown.put("attempt", delivery.attempt());
            shown.put("status", delivery.status().orElse(null));
            shown.put("answer", delivery.status().map(String::valueOf)
                    .orElse(delivery.outcome() == CallbackDelivery.Outcome.DROPPED ? "dropped on purpose"
                            : "no answer: " + delivery.failure().orElse("")));
            callbacks.add(shown);
        }
        state.put("callbacks", callbacks);
        return state;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readNBytes(64 * 1024); // a GET has no body; what a client sends is read so the connection stays usable
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
