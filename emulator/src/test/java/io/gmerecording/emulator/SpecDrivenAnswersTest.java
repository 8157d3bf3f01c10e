package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmerecording.spec.SpecSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The emulator reads fixtures and writes answers through the generated models and names none of their properties:
 * every success property the spec declares, whatever it is, goes from a fixture into the answer. The properties come
 * from the spec at test time, so a property added to the spec is covered with no change here or in the emulator.
 */
class SpecDrivenAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Made by the emulator for every answer, never taken from a fixture. */
    private static final List<String> SERVED_BY_THE_EMULATOR = Arrays.asList("RequestId", "Error");

    @Test
    void everySuccessPropertyOfTheSpecGoesFromAFixtureIntoTheAnswer() throws Exception {
        SpecSchemas spec = SpecSchemas.load();
        ObjectNode task = NODES.objectNode().put("BizId", 77).put("TaskId", 88);
        ObjectNode sample = sample(spec, "DescribeRecordInfoResponse");
        task.setAll(sample);
        JsonNode expected = JSON.readTree(sample.toString()); // numbers as a parser reads them back
        byte[] fixtures = JSON.writeValueAsBytes(NODES.objectNode().set("tasks", NODES.arrayNode().add(task)));

        try (GmeEmulator emulator = GmeEmulator.builder().fixtures(Fixtures.parse(fixtures, "spec-driven")).build()) {
            JsonNode answer = JSON.readTree(SignedRequests.describe(emulator, 77, 88)).get("Response");

            assertThat(expected.size()).as("success properties in the spec").isGreaterThanOrEqualTo(3);
            expected.properties().forEach(property -> assertThat(answer.get(property.getKey()))
                    .as("Response.%s served from the fixture", property.getKey()).isEqualTo(property.getValue()));
            assertThat(answer.path("RecordInfo").get(0).size()).as("RecordInfo properties served")
                    .isEqualTo(spec.properties("RecordInfo").size());
            assertThat(answer.path("RequestId").asText()).isNotEmpty();
        }
    }

    /** An object with every property of the schema, each a value its type allows and no other property has. */
    private static ObjectNode sample(SpecSchemas spec, String schema) {
        ObjectNode object = NODES.objectNode();
        int index = 1;
        for (String property : spec.properties(schema).keySet()) {
            if (!SERVED_BY_THE_EMULATOR.contains(property)) {
                object.set(property, value(spec, spec.type(schema, property), property, index++));
            }
        }
        return object;
    }

    private static JsonNode value(SpecSchemas spec, String type, String property, int index) {
        if (type.startsWith("ref:")) {
            return sample(spec, type.substring(4));
        }
        if (type.startsWith("array:")) {
            ArrayNode array = NODES.arrayNode();
            String items = type.substring(6);
            array.add(spec.properties(items).isEmpty() ? value(spec, items, property, index) : sample(spec, items));
            return array;
        }
        switch (type) {
            case "string":
                return NODES.textNode("spec-" + property + "-" + new String(new byte[] {(byte) ('a' + index)},
                        StandardCharsets.US_ASCII));
            case "integer":
                return NODES.numberNode(1000L + index);
            case "number":
                return NODES.numberNode(index + 0.5);
            case "boolean":
                return NODES.booleanNode(index % 2 == 0);
            default:
                throw new AssertionError("a type this test does not know yet: " + type + " of " + property);
        }
    }
}
