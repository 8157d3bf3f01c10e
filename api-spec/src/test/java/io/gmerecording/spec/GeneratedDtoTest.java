package io.gmerecording.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.spec.model.DescribeRecordInfoEnvelope;
import io.gmerecording.spec.model.DescribeRecordInfoRequest;
import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import io.gmerecording.spec.model.RecordInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class GeneratedDtoTest {

    // absent fields are omitted on the wire, so the writer omits nulls as well
    private final ObjectMapper mapper = new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void seedExampleResponseDeserializesWithEveryValueExact() throws IOException {
        DescribeRecordInfoEnvelope envelope =
                mapper.readValue(resource("seed/describe-record-info-response.json"), DescribeRecordInfoEnvelope.class);

        DescribeRecordInfoResponse response = envelope.getResponse();
        assertThat(response.getRoomId()).isEqualTo("7743");
        assertThat(response.getRecordMode()).isEqualTo(1L);
        assertThat(response.getRequestId()).isEqualTo("h9167d24-a2c6-1125-a5bd-5c023ba721c2");
        assertThat(response.getError()).isNull();
        assertThat(response.getRecordInfo()).hasSize(1);
        RecordInfo info = response.getRecordInfo().get(0);
        assertThat(info.getRecordStatus()).isEqualTo(2L);
        assertThat(info.getRecordBeginTime()).isEqualTo(1234567868L);
        assertThat(info.getUserId()).isEqualTo("6787");
        assertThat(info.getFileName()).isEqualTo("/3400352518_2314_447947346201176660_9081");
    }

    @Test
    void seedExampleResponseRoundTripsToTheSameJson() throws IOException {
        byte[] seed = resource("seed/describe-record-info-response.json");
        DescribeRecordInfoEnvelope envelope = mapper.readValue(seed, DescribeRecordInfoEnvelope.class);

        JsonNode written = mapper.readTree(mapper.writeValueAsBytes(envelope));

        assertThat(written).isEqualTo(mapper.readTree(seed));
    }

    @Test
    void seedExampleRequestKeepsItsTaskIdAboveTwoToTheFiftyThird() throws IOException {
        DescribeRecordInfoRequest request =
                mapper.readValue(resource("seed/describe-record-info-request.json"), DescribeRecordInfoRequest.class);

        assertThat(request.getTaskId()).isEqualTo(446192236330927912L);
        assertThat(request.getBizId()).isEqualTo(3400352518L);
        assertThat(mapper.writeValueAsString(request)).contains("446192236330927912");
    }

    @Test
    void requestSerializesSixtyFourBitIdsExactly() throws IOException {
        DescribeRecordInfoRequest request = new DescribeRecordInfoRequest().taskId(9007199254740993L).bizId(3400352518L);

        assertThat(mapper.writeValueAsString(request))
                .isEqualTo("{\"TaskId\":9007199254740993,\"BizId\":3400352518}");
    }

    @Test
    void errorEnvelopeDeserializes() throws IOException {
        String body = "{\"Response\":{\"Error\":{\"Code\":\"ResourceNotFound.TaskNotFound\","
                + "\"Message\":\"The task ID does not exist.\"},\"RequestId\":\"req-1\"}}";

        DescribeRecordInfoResponse response = mapper.readValue(body, DescribeRecordInfoEnvelope.class).getResponse();

        assertThat(response.getError().getCode()).isEqualTo("ResourceNotFound.TaskNotFound");
        assertThat(response.getError().getMessage()).isEqualTo("The task ID does not exist.");
        assertThat(response.getRequestId()).isEqualTo("req-1");
        assertThat(response.getRoomId()).isNull();
        assertThat(response.getRecordInfo()).isNull();
    }

    @Test
    void nullRecordInfoDeserializesAsNull() throws IOException {
        String body = "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":2,\"RecordInfo\":null,\"RequestId\":\"r\"}}";

        DescribeRecordInfoResponse response = mapper.readValue(body, DescribeRecordInfoEnvelope.class).getResponse();

        assertThat(response.getRecordInfo()).isNull();
        assertThat(response.getRecordMode()).isEqualTo(2L);
    }

    @Test
    void theSpecIsShippedAsAResource() throws IOException {
        String spec = new String(resource("openapi/gme-describe-record-info.yaml"), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(spec).contains("DescribeRecordInfo").contains("2018-07-11");
    }

    private static byte[] resource(String name) {
        try (InputStream in = GeneratedDtoTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
