package io.gmerecording.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.annotations.SerializedName;
import com.tencentcloudapi.common.AbstractClient;
import io.gmerecording.spec.SpecSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec and the official SDK's models must name the same wire fields. Runs against the pinned SDK in every build;
 * {@code bin/spec-drift [--spec FILE] [VERSION]} runs it against any other {@code tencentcloud-sdk-java} version, and
 * any spec file. The report lists every property on either side that the other lacks.
 */
class SpecDriftTest {

    private static final String SDK_MODELS = "com.tencentcloudapi.gme.v20180711.models.";
    /** Spec schemas with no SDK model: the SDK unwraps the envelope and raises Error as an exception itself. */
    private static final Set<String> HANDLED_INSIDE_THE_SDK = handledInsideTheSdk("DescribeRecordInfo", "StartRecord",
            "StopRecord", "ModifyRecordInfo", "DescribeTaskInfo");

    /** Each action's envelope and its answer's Error, and the error model they share. */
    private static Set<String> handledInsideTheSdk(String... actions) {
        Set<String> handled = new TreeSet<>(Arrays.asList("ApiError"));
        for (String action : actions) {
            handled.add(action + "Envelope");
            handled.add(action + "Response.Error");
        }
        return handled;
    }

    /**
     * The spec's mark on a property the pinned SDK does not know yet, its value the reason; adapter-sdk reports the
     * property absent until the SDK is bumped (docs/api-changes.md). Marked, it is reported but does not
     * fail the check; marked while the SDK has it, it does.
     */
    static final String NOT_IN_SDK = "x-not-in-sdk";

    @Test
    void specAndSdkModelsNameTheSameFields() {
        List<String> drift = drift(SpecSchemas.load());

        String spec = System.getProperty(SpecSchemas.FILE_PROPERTY, "");
        System.out.println("Spec drift " + (spec.isEmpty() ? "" : "of " + spec + " ") + "against tencentcloud-sdk-java "
                + AbstractClient.SDK_VERSION + ": "
                + (drift.isEmpty() ? "none" : drift.size() + " propert" + (drift.size() == 1 ? "y" : "ies")));
        drift.forEach(line -> System.out.println("  " + line));
        aheadOfTheSdk(SpecSchemas.load()).forEach((property, reason) ->
                System.out.println("  (known) " + property + ": " + reason));
        assertThat(drift).as("spec drift against %s (update the spec or the SDK, see docs/api-changes.md)",
                AbstractClient.SDK_VERSION).isEmpty();
    }

    @Test
    void theCheckSeesEveryModelOfTheAction() {
        Set<String> schemas = schemasOf(SpecSchemas.load().actionProperties());

        assertThat(schemas).contains("DescribeRecordInfoRequest", "DescribeRecordInfoResponse", "RecordInfo",
                "StartRecordRequest", "StartRecordResponse", "StopRecordRequest", "StopRecordResponse",
                "ModifyRecordInfoRequest", "ModifyRecordInfoResponse", "DescribeTaskInfoRequest",
                "DescribeTaskInfoResponse", "SubscribeRecordUserIds");
        assertThat(sdkFields("SubscribeRecordUserIds")).contains("SubscribeUserIds", "UnSubscribeUserIds");
        assertThat(sdkFields("RecordInfo")).contains("FileName", "RecordStatus");
    }

    /** Schema.Property to the reason, for every property the spec marks {@value #NOT_IN_SDK}. */
    static Map<String, String> aheadOfTheSdk(SpecSchemas spec) {
        Map<String, String> ahead = new TreeMap<>();
        for (String schema : schemasOf(spec.actionProperties())) {
            spec.properties(schema).forEach((property, node) -> {
                if (node.has(NOT_IN_SDK)) {
                    ahead.put(schema + "." + property, node.get(NOT_IN_SDK).asText());
                }
            });
        }
        return ahead;
    }

    @Test
    void aPropertyTheSpecMarksAheadOfTheSdkIsReportedAndAStaleMarkIsDrift(@TempDir Path dir) throws IOException {
        String document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SpecSchemas.RESOURCES.get(0))) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String marked = document.replace("        RecordStatus:\n", "        PlantedByThisTest:\n          type: integer\n"
                + "          format: int64\n          " + NOT_IN_SDK + ": added after the pinned SDK\n"
                + "        RecordStatus:\n          " + NOT_IN_SDK + ": stale\n");
        assertThat(marked).isNotEqualTo(document);
        Path file = Files.writeString(dir.resolve("spec.yaml"), marked);
        System.setProperty(SpecSchemas.FILE_PROPERTY, file.toString());
        try {
            SpecSchemas spec = SpecSchemas.load();

            assertThat(aheadOfTheSdk(spec))
                    .containsEntry("RecordInfo.PlantedByThisTest", "added after the pinned SDK");
            assertThat(drift(spec)).containsExactly("RecordInfo.RecordStatus: marked " + NOT_IN_SDK
                    + " in the spec, but the SDK model has it now");
        } finally {
            System.clearProperty(SpecSchemas.FILE_PROPERTY);
        }
    }

    static List<String> drift(SpecSchemas spec) {
        Set<String> specProperties = spec.actionProperties();
        Map<String, String> ahead = aheadOfTheSdk(spec);
        List<String> drift = new ArrayList<>();
        for (String schema : schemasOf(specProperties)) {
            if (HANDLED_INSIDE_THE_SDK.contains(schema)) {
                continue;
            }
            Set<String> sdk = sdkFields(schema);
            if (sdk == null) {
                drift.add(schema + ": a schema of the spec with no SDK model " + SDK_MODELS + schema);
                continue;
            }
            for (String property : spec.properties(schema).keySet()) {
                String name = schema + "." + property;
                if (!sdk.contains(property) && !HANDLED_INSIDE_THE_SDK.contains(name) && !ahead.containsKey(name)) {
                    drift.add(name + ": in the spec, not in the SDK model");
                }
                if (sdk.contains(property) && ahead.containsKey(name)) {
                    drift.add(name + ": marked " + NOT_IN_SDK + " in the spec, but the SDK model has it now");
                }
            }
            for (String field : sdk) {
                if (!spec.properties(schema).containsKey(field)) {
                    drift.add(schema + "." + field + ": in the SDK model, not in the spec");
                }
            }
        }
        return drift;
    }

    private static Set<String> schemasOf(Set<String> properties) {
        Set<String> schemas = new LinkedHashSet<>();
        properties.forEach(property -> schemas.add(property.substring(0, property.indexOf('.'))));
        return schemas;
    }

    /** The wire names of the SDK model's fields, or null when the SDK has no model of that name. */
    private static Set<String> sdkFields(String schema) {
        Class<?> model;
        try {
            model = Class.forName(SDK_MODELS + schema);
        } catch (ClassNotFoundException e) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        for (Field field : model.getDeclaredFields()) {
            SerializedName name = field.getAnnotation(SerializedName.class);
            if (name != null) {
                names.add(name.value());
            }
        }
        return names;
    }
}
