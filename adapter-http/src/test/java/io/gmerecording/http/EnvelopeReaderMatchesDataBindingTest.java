package io.gmerecording.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gmerecording.core.TaskRef;
import io.gmerecording.spec.model.DescribeRecordInfoEnvelope;
import io.gmerecording.spec.model.DescribeRecordInfoRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming reader gives what Jackson's data binding of the generated DTOs gave (the reader it replaced, kept here
 * as the reference): the same generated envelope, or a refusal where binding refused; everything after the envelope
 * is code both share. The fuzz test holds it to the same rule for any input; api-spec's {@code GeneratedJsonTest}
 * holds every generated reader and writer to every property of the spec.
 */
class EnvelopeReaderMatchesDataBindingTest {

    private static final JsonMapper BINDING = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader ENVELOPE = BINDING.readerFor(DescribeRecordInfoEnvelope.class);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":1,\"RequestId\":\"r\",\"RecordInfo\":[{\"UserId\":\"u\","
                + "\"FileName\":\"f.mp3\",\"RecordBeginTime\":1700000000,\"RecordStatus\":3}]}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"New\":{\"a\":[1,{\"b\":null}]},\"RecordInfo\":[]},\"X\":2}",
        "{\"Response\":{\"RoomId\":\"1\",\"RoomId\":\"2\",\"RecordMode\":1}}",
        "{\"Response\":{\"RoomId\":7743,\"RecordMode\":\"2\",\"RequestId\":true}}",
        "{\"Response\":{\"RoomId\":1.5,\"RecordMode\":\"\"}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1.0}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":\"1.5\"}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":\"x\"}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":true}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":99999999999999999999}}",
        "{\"Response\":{\"RoomId\":{},\"RecordMode\":1}}",
        "{\"Response\":{\"RoomId\":[\"1\"],\"RecordMode\":1}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RecordInfo\":{}}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RecordInfo\":\"x\"}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RecordInfo\":[1]}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RecordInfo\":[{\"RecordStatus\":9,\"UserId\":\"u\","
                + "\"FileName\":\"f\",\"RecordBeginTime\":null}]}}",
        "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"bad\"},"
                + "\"RequestId\":\"e\"}}",
        "{\"Response\":{\"Error\":{\"Code\":7,\"Message\":null},\"RequestId\":\"e\"}}",
        "{\"Response\":{\"Error\":\"oops\"}}",
        "{\"Response\":{\"Error\":null,\"RoomId\":\"1\",\"RecordMode\":1}}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1}} {}",
        "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1}}   \n",
        "{\"Response\":[]}",
        "{\"Response\":\"x\"}",
        "[]",
        "null",
        "7",
        "\"text\"",
        "{\"Response\":{\"RoomId\":\"1\"",
        "{\"Response\":{\"RoomId\":\"1\",}}",
        "{'Response':{}}",
    })
    void givesWhatDataBindingGave(String body) {
        assertSameOutcome(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 446192236330927912L, Long.MAX_VALUE})
    void writesTheRequestBodyDataBindingWrote(long id) throws Exception {
        TaskRef task = TaskRef.of(id == 0 ? 1 : id, id == 0 ? 1 : id);
        byte[] bound = BINDING.writeValueAsBytes(new DescribeRecordInfoRequest().taskId(task.taskId())
                .bizId(task.bizId()));

        assertThat(new String(EnvelopeReader.requestBody(task), StandardCharsets.UTF_8))
                .isEqualTo(new String(bound, StandardCharsets.UTF_8));
    }

    /** Both readers agree on {@code body}: equal generated envelopes (or both {@code null}), or both refuse it. */
    static void assertSameOutcome(byte[] body) {
        Object expected = outcome(() -> ENVELOPE.readValue(body));
        Object actual = outcome(() -> EnvelopeReader.parse(body));
        assertThat(actual).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** A read that may refuse its input. */
    private interface Read {
        Object read() throws IOException;
    }

    private static Object outcome(Read read) {
        try {
            return read.read();
        } catch (IOException refused) {
            return "refused";
        }
    }
}
