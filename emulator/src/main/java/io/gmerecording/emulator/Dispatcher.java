package io.gmerecording.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a test puts in front of the emulator's own answers: for each request, an answer of its own (a status, a body,
 * a delay) or a dropped connection, or nothing, and the emulator answers as always. Asked with the request's line and
 * headers, before its body is read. Given through {@link GmeEmulator.Builder#dispatcher}.
 */
@FunctionalInterface
public interface Dispatcher {

    /** The answer to give instead of the emulator's; empty to let the emulator answer. */
    Optional<Answer> dispatch(Request request);

    /** A request as the emulator received it: method, path and headers (names in lower case). */
    final class Request {
        private final String method;
        private final String path;
        private final Map<String, List<String>> headers;

        Request(String method, String path, Map<String, List<String>> headers) {
            this.method = method;
            this.path = path;
            Map<String, List<String>> lower = new LinkedHashMap<>();
            headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            this.headers = Collections.unmodifiableMap(lower);
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        /** The first value of a header, by name in any case. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The {@code X-TC-Action} header, or empty. */
        public Optional<String> action() {
            return header("X-TC-Action");
        }
    }

    /** An answer of the test's own. */
    final class Answer {
        private final int status;
        private final byte[] body;
        private final Duration delay;
        private final boolean drop;

        private Answer(int status, byte[] body, Duration delay, boolean drop) {
            this.status = status;
            this.body = body;
            this.delay = delay;
            this.drop = drop;
        }

        /** This HTTP status with this body (UTF-8, sent as {@code application/json}). */
        public static Answer of(int status, String body) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be 100..599, got " + status);
            }
            return new Answer(status, Objects.requireNonNull(body, "body must not be null")
                    .getBytes(StandardCharsets.UTF_8), Duration.ZERO, false);
        }

        /** The connection closed without an answer, as a crashed server or a proxy that gave up would. */
        public static Answer dropConnection() {
            return new Answer(0, new byte[0], Duration.ZERO, true);
        }

        /** The same answer after {@code delay} (within the emulator's exchange deadline). */
        public Answer after(Duration delay) {
            Objects.requireNonNull(delay, "delay must not be null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, got " + delay);
            }
            return new Answer(status, body, delay, drop);
        }

        int status() {
            return status;
        }

        byte[] body() {
            return body.clone();
        }

        Duration delay() {
            return delay;
        }

        boolean drops() {
            return drop;
        }
    }
}
