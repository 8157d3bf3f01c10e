package io.gmerecording.examples.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.http.HttpRecordingQuery;
import io.gmerecording.sdk.SdkRecordingQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever the wire brings, both adapters give a {@link RecordingTask} or a domain exception, nothing else; and ids
 * are either rejected before any request or sent exactly.
 */
class AdapterPropertiesTest {

    private static final Credentials KEY = Credentials.of("AKIDproperties", "properties-key");
    private static FixedAnswerServer server;
    private static List<RecordingQuery> adapters;

    @BeforeContainer
    static void start() {
        server = new FixedAnswerServer();
        adapters = List.of(
                HttpRecordingQuery.builder().endpoint(server.endpoint()).credentials(KEY)
                        .requestTimeout(Duration.ofSeconds(5)).build(),
                SdkRecordingQuery.builder().endpoint(server.endpoint()).credentials(KEY)
                        .requestTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 1000)
    void arbitraryBytesGiveATaskOrADomainException(@ForAll byte[] body) {
        server.answer(body);
        for (RecordingQuery adapter : adapters) {
            assertTaskOrDomainException(adapter, body);
        }
    }

    @Property(tries = 1000)
    void arbitraryJsonGivesATaskOrADomainException(@ForAll("json") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.answer(bytes);
        for (RecordingQuery adapter : adapters) {
            assertTaskOrDomainException(adapter, bytes);
        }
    }

    @Property(tries = 1000)
    void idsAreRejectedBeforeAnyRequestOrSentExactly(@ForAll long bizId, @ForAll long taskId) {
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
        for (RecordingQuery adapter : adapters) {
            RecordingTask task = adapter.describe(ref);
            String sent = new String(server.lastRequest(), StandardCharsets.UTF_8);
            assertThat(task.ref()).isEqualTo(ref);
            assertThat(sent).contains("\"TaskId\":" + taskId).contains("\"BizId\":" + bizId);
        }
        assertThat(server.requests.get()).isEqualTo(before + adapters.size());
    }

    private static void assertTaskOrDomainException(RecordingQuery adapter, byte[] body) {
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
    @Provide
    Arbitrary<String> json() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, value(3)),
                net.jqwik.api.Tuple.of(3, envelope()));
    }

    private Arbitrary<String> envelope() {
        Arbitrary<String> field = Arbitraries.of("RoomId", "RecordMode", "RecordInfo", "RequestId", "Error", "Code",
                "Message", "UserId", "FileName", "RecordBeginTime", "RecordStatus", "Other");
        Arbitrary<String> member = Combinators.combine(field, value(2)).as((name, value) -> quote(name) + ":" + value);
        Arbitrary<String> response = member.list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}");
        return response.map(inner -> "{\"Response\":" + inner + "}");
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(AdapterPropertiesTest::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e400", "-0", "9223372036854775808"));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(10), value(depth - 1))
                .ofMaxSize(4).map(AdapterPropertiesTest::object);
        return Arbitraries.oneOf(scalar, array, object);
    }

    private static String object(Map<String, String> members) {
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, String> member : members.entrySet()) {
            text.append(text.length() > 1 ? "," : "").append(quote(member.getKey())).append(':').append(member.getValue());
        }
        return text.append('}').toString();
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
