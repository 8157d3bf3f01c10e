package io.gmerecording.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.annotations.SerializedName;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoResponse;
import com.tencentcloudapi.gme.v20180711.models.RecordInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec and the official SDK's models must name the same wire fields; either side gaining one fails here. */
class SpecDriftTest {

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("DescribeRecordInfoRequest", DescribeRecordInfoRequest.class, Collections.emptySet()),
                // the SDK raises Error as an exception before its model is filled, so its model has no Error field
                Arguments.of("DescribeRecordInfoResponse", DescribeRecordInfoResponse.class, Collections.singleton("Error")),
                Arguments.of("RecordInfo", RecordInfo.class, Collections.emptySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void specAndSdkModelNameTheSameFields(String schema, Class<?> sdkModel, Set<String> specOnly) throws IOException {
        Set<String> spec = specFields(schema);
        spec.removeAll(specOnly);
        Set<String> sdk = sdkFields(sdkModel);

        Set<String> missingInSpec = new TreeSet<>(sdk);
        missingInSpec.removeAll(spec);
        Set<String> missingInSdk = new TreeSet<>(spec);
        missingInSdk.removeAll(sdk);
        assertThat(missingInSpec).as("fields of SDK %s that spec schema %s lacks", sdkModel.getSimpleName(), schema)
                .isEmpty();
        assertThat(missingInSdk).as("fields of spec schema %s that SDK %s lacks", schema, sdkModel.getSimpleName())
                .isEmpty();
        assertThat(spec).as("schema %s has fields", schema).isNotEmpty();
    }

    private static Set<String> specFields(String schema) throws IOException {
        try (InputStream in = SpecDriftTest.class.getClassLoader()
                .getResourceAsStream("openapi/gme-describe-record-info.yaml")) {
            assertThat(in).as("the spec shipped by api-spec").isNotNull();
            JsonNode properties = new ObjectMapper(new YAMLFactory()).readTree(in)
                    .path("components").path("schemas").path(schema).path("properties");
            Set<String> names = new TreeSet<>();
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names;
        }
    }

    private static Set<String> sdkFields(Class<?> model) {
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
