package io.gmerecording.examples.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever the wire brings, both adapters give a {@link RecordingTask} or a domain exception, nothing else; and ids
 * are either rejected before any request or sent exactly. {@value SeededCases#COUNT} random cases per property, from a
 * seed printed with any failure ({@code -Dgme.seed=N} replays it).
 */
class AdapterPropertiesTest {

    private static final Credentials KEY = Credentials.of("AKIDproperties", "properties-key");
    private static final String[] FIELDS = {"RoomId", "RecordMode", "RecordInfo", "RequestId", "Error", "Code",
        "Message", "UserId", "FileName", "RecordBeginTime", "RecordStatus", "Other"};
    private static final String[] ODD_SCALARS = {"true", "false", "null", "1e400", "-0", "9223372036854775808"};
    private static FixedAnswerServer server;
    private static List<Transport> adapters;
    private final SeededCases cases = SeededCases.fromSystemProperty();

    @BeforeAll
    static void start() {
        server = new FixedAnswerServer();
        adapters = List.of(
                HttpTransport.builder().endpoint(server.endpoint()).credentials(KEY)
                        .requestTimeout(Duration.ofSeconds(5)).build(),
                SdkTransport.builder().endpoint(server.endpoint()).credentials(KEY)
                        .requestTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterAll
    static void stop() {
        adapters.forEach(Transport::close);
        server.close();
    }

    @Test
    void arbitraryBytesGiveATaskOrADomainException() {
        int checked = cases.run(random -> {
            byte[] body = new byte[random.nextInt(4) == 0 ? random.nextInt(2048) : random.nextInt(64)];
            random.nextBytes(body);
            server.answer(body);
            for (Transport adapter : adapters) {
                assertTaskOrDomainException(adapter, body);
            }
        });
        assertThat(checked).isEqualTo(SeededCases.COUNT);
    }

    @Test
    void arbitraryJsonGivesATaskOrADomainException() {
        int checked = cases.run(random -> {
            byte[] bytes = json(random).getBytes(StandardCharsets.UTF_8);
            server.answer(bytes);
            for (Transport adapter : adapters) {
                assertTaskOrDomainException(adapter, bytes);
            }
        });
        assertThat(checked).isEqualTo(SeededCases.COUNT);
    }

    @Test
    void idsAreRejectedBeforeAnyRequestOrSentExactly() {
        int checked = cases.run(random -> idIsRejectedBeforeAnyRequestOrSentExactly(id(random), id(random)));
        assertThat(checked).isEqualTo(SeededCases.COUNT);
    }

    /** Mostly edge values (0, negative, the extremes, around 2^53), otherwise any long. */
    private static long id(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return new long[] {0, -1, 1, Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993L,
                    446192236330927912L}[random.nextInt(7)];
            case 1:
                return -1 - (random.nextLong() & Long.MAX_VALUE);
            case 2:
                return 1 + random.nextInt(Integer.MAX_VALUE);
            default:
                return random.nextLong();
        }
    }

    private static void idIsRejectedBeforeAnyRequestOrSentExactly(long bizId, long taskId) {
        server.answer("{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RequestId\":\"r\"}}"
                .getBytes(StandardCharsets.UTF_8));
        int before = server.requests.get();
        TaskRef ref;
        try {
            ref = TaskRef.of(bizId, taskId);
        } catch (IllegalArgumentException e) {
            assertThat(bizId <= 0 || taskId <= 0).isTrue();
            assertThat(e.getMessage()).contains(String.valueOf(bizId <= 0 ? bizId : taskId));
            assertThat(server.requests.get()).isEqualTo(before);
            return;
        }
        for (Transport adapter : adapters) {
            RecordingTask task = adapter.describe(ref);
            String sent = new String(server.lastRequest(), StandardCharsets.UTF_8);
            assertThat(task.ref()).isEqualTo(ref);
            assertThat(sent).contains("\"TaskId\":" + taskId).contains("\"BizId\":" + bizId);
        }
        assertThat(server.requests.get()).isEqualTo(before + adapters.size());
    }

    private static void assertTaskOrDomainException(Transport adapter, byte[] body) {
        try {
            RecordingTask task = adapter.describe(TaskRef.of(1, 2));
            assertThat(task.roomId()).isNotNull();
        } catch (RecordingQueryException expected) {
            assertThat(expected.code()).isNotEmpty();
        } catch (Throwable other) {
            throw new AssertionError(adapter + " threw " + other + " for body "
                    + new String(body, StandardCharsets.UTF_8), other);
        }
    }

    /** Random JSON: often a plausible envelope with wrong, missing or extra fields, sometimes anything at all. */
    static String json(Random random) {
        return random.nextInt(4) == 0 ? value(random, 3) : envelope(random);
    }

    private static String envelope(Random random) {
        StringBuilder response = new StringBuilder("{");
        int members = random.nextInt(7);
        for (int i = 0; i < members; i++) {
            response.append(i > 0 ? "," : "").append(quote(FIELDS[random.nextInt(FIELDS.length)])).append(':')
                    .append(value(random, 2));
        }
        return "{\"Response\":" + response.append('}') + "}";
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 6);
        switch (kind) {
            case 0:
                return quote(text(random, random.nextInt(13), false));
            case 1:
                return String.valueOf(random.nextLong());
            case 2:
                return String.valueOf(Double.longBitsToDouble(random.nextLong()));
            case 3:
                return ODD_SCALARS[random.nextInt(ODD_SCALARS.length)];
            case 4: {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(5);
                for (int i = 0; i < items; i++) {
                    array.append(i > 0 ? "," : "").append(value(random, depth - 1));
                }
                return array.append(']').toString();
            }
            default: {
                StringBuilder object = new StringBuilder("{");
                int members = random.nextInt(5);
                for (int i = 0; i < members; i++) {
                    object.append(i > 0 ? "," : "").append(quote(text(random, random.nextInt(11), true))).append(':')
                            .append(value(random, depth - 1));
                }
                return object.append('}').toString();
            }
        }
    }

    /** Letters only, or any UTF-16 unit but surrogates (control characters included). */
    private static String text(Random random, int length, boolean lettersOnly) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (lettersOnly) {
                text.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
            } else {
                char c = (char) random.nextInt(random.nextBoolean() ? 0x80 : 0xD800);
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
