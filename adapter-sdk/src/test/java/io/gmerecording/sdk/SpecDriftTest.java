package io.gmerecording.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.annotations.SerializedName;
import com.tencentcloudapi.common.AbstractClient;
import io.gmerecording.spec.SpecSchemas;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

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
     * Spec properties the pinned SDK does not know yet, each with the reason; adapter-sdk reports them absent until
     * the SDK is bumped (README "When the API changes"). Listed here, they are reported but do not fail the check.
     */
    private static final Map<String, String> AHEAD_OF_THE_SDK = Collections.emptyMap();

    @Test
    void specAndSdkModelsNameTheSameFields() {
        List<String> drift = drift(SpecSchemas.load());

        String spec = System.getProperty(SpecSchemas.FILE_PROPERTY, "");
        System.out.println("Spec drift " + (spec.isEmpty() ? "" : "of " + spec + " ") + "against tencentcloud-sdk-java "
                + AbstractClient.SDK_VERSION + ": "
                + (drift.isEmpty() ? "none" : drift.size() + " propert" + (drift.size() == 1 ? "y" : "ies")));
        drift.forEach(line -> System.out.println("  " + line));
        AHEAD_OF_THE_SDK.forEach((property, reason) -> System.out.println("  (known) " + property + ": " + reason));
        assertThat(drift).as("spec drift against %s (update the spec or the SDK, see README 'When the API changes')",
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

    static List<String> drift(SpecSchemas spec) {
        Set<String> specProperties = spec.actionProperties();
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
                if (!sdk.contains(property) && !HANDLED_INSIDE_THE_SDK.contains(name)
                        && !AHEAD_OF_THE_SDK.containsKey(name)) {
                    drift.add(name + ": in the spec, not in the SDK model");
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
