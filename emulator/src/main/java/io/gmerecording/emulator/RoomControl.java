package io.gmerecording.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The emulator's control endpoints, for a script, another language's test or the console to move users as
 * {@link GmeEmulator.Room} does (unsigned: the emulator listens on loopback only):
 *
 * <ul>
 *   <li>{@code GET /emulator/rooms/{bizId}/{roomId}}: who is in the room;
 *   <li>{@code POST /emulator/rooms/{bizId}/{roomId}/users/{userId}/join} (or {@code leave}, {@code mute},
 *       {@code unmute}): the user does so, and the answer is who is in the room then.
 * </ul>
 *
 * Path segments are percent-decoded. An answer is JSON: {@code {"BizId": 1, "RoomId": "100", "Users": ["999"]}}, or
 * {@code {"Error": "..."}} with 400 for a bad value, 404 for an unknown path, 405 for a wrong method.
 */
final class RoomControl {

    static final String PREFIX = "/emulator/rooms/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BiFunction<Long, String, GmeEmulator.Room> rooms;

    RoomControl(BiFunction<Long, String, GmeEmulator.Room> rooms) {
        this.rooms = rooms;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readNBytes(64 * 1024); // no body is needed; what a client sends is read so the connection stays usable
        }
        String raw = exchange.getRequestURI().getRawPath();
        String[] parts = raw.substring(PREFIX.length()).split("/", -1);
        boolean roomPath = parts.length == 2;
        boolean userPath = parts.length == 5 && parts[2].equals("users");
        if (!raw.startsWith(PREFIX) || !roomPath && !userPath) {
            send(exchange, 404, error("no such control endpoint: " + raw + " (GET " + PREFIX + "{bizId}/{roomId}, POST "
                    + PREFIX + "{bizId}/{roomId}/users/{userId}/join|leave|mute|unmute)"));
            return;
        }
        String method = exchange.getRequestMethod();
        if (roomPath != "GET".equals(method)) {
            exchange.getResponseHeaders().set("Allow", roomPath ? "GET" : "POST");
            send(exchange, 405, error(method + " is not served at " + raw + "; use " + (roomPath ? "GET" : "POST")));
            return;
        }
        GmeEmulator.Room room;
        try {
            room = rooms.apply(bizId(decode(parts[0])), decode(parts[1]));
            if (userPath) {
                move(room, decode(parts[3]), decode(parts[4]));
            }
        } catch (IllegalArgumentException e) {
            send(exchange, 400, error(e.getMessage()));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("BizId", room.bizId());
        answer.put("RoomId", room.roomId());
        answer.put("Users", room.users());
        send(exchange, 200, JSON.writeValueAsBytes(answer));
    }

    private static void move(GmeEmulator.Room room, String userId, String what) {
        switch (what) {
            case "join":
                room.join(userId);
                break;
            case "leave":
                room.leave(userId);
                break;
            case "mute":
                room.mute(userId);
                break;
            case "unmute":
                room.unmute(userId);
                break;
            default:
                throw new IllegalArgumentException("a user can join, leave, mute or unmute, not \"" + what + "\"");
        }
    }

    private static long bizId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bizId must be a positive 64-bit integer, got \"" + text + "\"");
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] error(String message) throws IOException {
        return JSON.writeValueAsBytes(Map.of("Error", message));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
