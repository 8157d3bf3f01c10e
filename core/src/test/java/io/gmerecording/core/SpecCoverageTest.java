package io.gmerecording.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.spec.SpecSchemas;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every property of every action's request and answer (the five documents), as the spec declares it, is either carried to the domain or
 * deliberately left out with a reason, and this table is the one place that says which. A property added to the spec
 * fails here, naming the places to change (README "When the API changes").
 */
class SpecCoverageTest {

    /** Spec property (schema.property) to where it goes: {@code mapped} names the public domain getter. */
    static final Map<String, String> COVERAGE = table(
            mapped("DescribeRecordInfoRequest.TaskId", "TaskRef#taskId"),
            mapped("DescribeRecordInfoRequest.BizId", "TaskRef#bizId"),
            notMapped("DescribeRecordInfoEnvelope.Response", "the envelope; adapters unwrap it and map what it holds"),
            mapped("DescribeRecordInfoResponse.RoomId", "RecordingTask#roomId"),
            mapped("DescribeRecordInfoResponse.RecordMode", "RecordingTask#recordMode"),
            mapped("DescribeRecordInfoResponse.RecordInfo", "RecordingTask#recordings"),
            mapped("DescribeRecordInfoResponse.RequestId", "RecordingTask#requestId"),
            mapped("DescribeRecordInfoResponse.Error", "error.RecordingQueryException#code"),
            mapped("ApiError.Code", "error.RecordingQueryException#code"),
            mapped("ApiError.Message", "error.RecordingQueryException#detail"),
            mapped("RecordInfo.UserId", "Recording#userId"),
            mapped("RecordInfo.FileName", "Recording#fileName"),
            mapped("RecordInfo.RecordBeginTime", "Recording#beginTime"),
            mapped("RecordInfo.RecordStatus", "Recording#status"),
            mapped("StartRecordRequest.BizId", "RoomRef#bizId"),
            mapped("StartRecordRequest.RoomId", "RoomRef#roomId"),
            mapped("StartRecordRequest.RecordMode", "RecordMode#code"),
            mapped("StartRecordRequest.SubscribeRecordUserIds", "Subscription#kind"),
            notMapped("StartRecordEnvelope.Response", "the envelope; adapters unwrap it and map what it holds"),
            mapped("StartRecordResponse.TaskId", "StartedRecording#task"),
            mapped("StartRecordResponse.RequestId", "StartedRecording#requestId"),
            mapped("StartRecordResponse.Error", "error.RecordingQueryException#code"),
            mapped("SubscribeRecordUserIds.SubscribeUserIds", "Subscription#userIds"),
            mapped("SubscribeRecordUserIds.UnSubscribeUserIds", "Subscription#userIds"),
            mapped("StopRecordRequest.TaskId", "TaskRef#taskId"),
            mapped("StopRecordRequest.BizId", "TaskRef#bizId"),
            notMapped("StopRecordEnvelope.Response", "the envelope; adapters unwrap it and map what it holds"),
            notMapped("StopRecordResponse.RequestId", "the answer holds nothing else; observers hear it "
                    + "(RecordingObserver.Attempt#succeeded)"),
            mapped("StopRecordResponse.Error", "error.RecordingQueryException#code"),
            mapped("ModifyRecordInfoRequest.TaskId", "TaskRef#taskId"),
            mapped("ModifyRecordInfoRequest.RecordMode", "RecordMode#code"),
            mapped("ModifyRecordInfoRequest.BizId", "TaskRef#bizId"),
            mapped("ModifyRecordInfoRequest.SubscribeRecordUserIds", "Subscription#kind"),
            notMapped("ModifyRecordInfoEnvelope.Response", "the envelope; adapters unwrap it and map what it holds"),
            notMapped("ModifyRecordInfoResponse.RequestId", "the answer holds nothing else; observers hear it "
                    + "(RecordingObserver.Attempt#succeeded)"),
            mapped("ModifyRecordInfoResponse.Error", "error.RecordingQueryException#code"),
            mapped("DescribeTaskInfoRequest.BizId", "RoomRef#bizId"),
            mapped("DescribeTaskInfoRequest.RoomId", "RoomRef#roomId"),
            notMapped("DescribeTaskInfoEnvelope.Response", "the envelope; adapters unwrap it and map what it holds"),
            mapped("DescribeTaskInfoResponse.TaskId", "RoomTask#task"),
            mapped("DescribeTaskInfoResponse.RecordMode", "RoomTask#recordMode"),
            mapped("DescribeTaskInfoResponse.SubscribeRecordUserIds", "RoomTask#subscription"),
            mapped("DescribeTaskInfoResponse.RequestId", "RoomTask#requestId"),
            mapped("DescribeTaskInfoResponse.Error", "error.RecordingQueryException#code"));

    /** The domain type each schema's properties land on. */
    private static final Map<String, String> DOMAIN_TYPE = Map.ofEntries(
            Map.entry("DescribeRecordInfoRequest", "TaskRef"),
            Map.entry("DescribeRecordInfoResponse", "RecordingTask"),
            Map.entry("RecordInfo", "Recording"),
            Map.entry("ApiError", "error.RecordingQueryException"),
            Map.entry("StartRecordRequest", "RoomRef"),
            Map.entry("StartRecordResponse", "StartedRecording"),
            Map.entry("SubscribeRecordUserIds", "Subscription"),
            Map.entry("StopRecordRequest", "TaskRef"),
            Map.entry("ModifyRecordInfoRequest", "TaskRef"),
            Map.entry("DescribeTaskInfoRequest", "RoomRef"),
            Map.entry("DescribeTaskInfoResponse", "RoomTask"));

    private static final String MAPPED = "mapped to ";
    private static final String NOT_MAPPED = "not mapped: ";

    @Test
    void everyPropertyOfTheSpecIsMappedOrDeliberatelyLeftOut() {
        List<String> uncovered = new ArrayList<>();
        for (String property : SpecSchemas.load().actionProperties()) {
            if (!COVERAGE.containsKey(property)) {
                uncovered.add(placesToChange(property));
            }
        }
        assertThat(uncovered).as("spec properties that SpecCoverageTest.COVERAGE does not cover").isEmpty();
    }

    @Test
    void theTableListsOnlyPropertiesTheSpecHas() {
        Set<String> stale = new TreeSet<>(COVERAGE.keySet());
        stale.removeAll(SpecSchemas.load().actionProperties());

        assertThat(stale).as("rows of SpecCoverageTest.COVERAGE for properties the spec no longer has").isEmpty();
    }

    @Test
    void everyMappedPropertyHasItsPublicDomainGetter() throws ClassNotFoundException {
        for (Map.Entry<String, String> row : COVERAGE.entrySet()) {
            if (row.getValue().startsWith(MAPPED)) {
                String[] target = row.getValue().substring(MAPPED.length()).split("#");
                Class<?> type = Class.forName("io.gmerecording.core." + target[0]);
                assertThat(Arrays.stream(type.getMethods()).filter(method -> method.getName().equals(target[1]))
                        .map(Method::getModifiers).anyMatch(Modifier::isPublic))
                        .as("%s is mapped to %s, which must be a public getter", row.getKey(), row.getValue())
                        .isTrue();
            }
        }
    }

    @Test
    void aPropertyAddedToTheSpecIsReportedWithThePlacesToChange() {
        String report = placesToChange("RecordInfo.FileSize");

        assertThat(report).startsWith("RecordInfo.FileSize").contains("Recording (core)")
                .contains("EnvelopeReader").contains("SdkTransport.toDomain").contains("TaskOutput")
                .contains("mapped(\"RecordInfo.FileSize\", \"Recording#fileSize\")")
                .contains("notMapped(\"RecordInfo.FileSize\"");
    }

    private static String placesToChange(String property) {
        String schema = property.substring(0, property.indexOf('.'));
        String name = property.substring(property.indexOf('.') + 1);
        String domain = DOMAIN_TYPE.getOrDefault(schema, "a domain type");
        String getter = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        return property + " is in the spec but not in SpecCoverageTest.COVERAGE. Either carry it to the application: "
                + "(1) a public getter on " + domain + " (core) and a parameter of ResponseAssembler (core.spi); "
                + "(2) adapter-http: EnvelopeReader reads it into the generated model (a case for its JSON_PROPERTY_ "
                + "constant; EnvelopeReaderMatchesDataBindingTest fails until then) and hands it to ResponseAssembler; "
                + "(3) adapter-sdk: SdkTransport.toDomain, once the SDK's model has it (bin/spec-drift tells); "
                + "(4) emulator: no code, add it to a fixture (fixtures are read through the generated models); "
                + "(5) cli: TaskOutput, the JSON line and the table; "
                + "then add mapped(\"" + property + "\", \"" + domain + "#" + getter + "\") to COVERAGE. "
                + "Or add notMapped(\"" + property + "\", \"why the application does not need it\") to COVERAGE. "
                + "README: 'When the API changes'.";
    }

    private static String[] mapped(String property, String getter) {
        return new String[] {property, MAPPED + getter};
    }

    private static String[] notMapped(String property, String reason) {
        return new String[] {property, NOT_MAPPED + reason};
    }

    private static Map<String, String> table(String[]... rows) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String[] row : rows) {
            assertThat(table.put(row[0], row[1])).as("%s is listed once", row[0]).isNull();
        }
        return table;
    }
}
