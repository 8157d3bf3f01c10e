package io.gmerecording.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.tencentcloudapi.common.JsonResponseModel;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoResponse;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Whatever model the SDK's Gson makes of a body, adapter-sdk's mapping gives a task or a domain error, nothing else.
 * (What Gson itself throws, the adapter turns into {@code Transport.MalformedResponse}; see SdkFailureModesTest.)
 * Stored inputs run in {@code mvn verify}.
 */
class SdkMappingFuzzTest {

    private static final TaskRef TASK = TaskRef.of(3400352518L, 446192236330927912L);
    private static final Gson GSON = new Gson();
    private static final Type RESPONSE =
            TypeToken.getParameterized(JsonResponseModel.class, DescribeRecordInfoResponse.class).getType();

    @FuzzTest(maxDuration = "60s")
    void anyModelTheSdkMakesGivesATaskOrADomainError(byte[] body) {
        JsonResponseModel<DescribeRecordInfoResponse> parsed;
        try {
            parsed = GSON.fromJson(new String(body, StandardCharsets.UTF_8), RESPONSE);
        } catch (RuntimeException sdkRejectsIt) {
            return;
        }
        if (parsed == null || parsed.response == null) {
            return; // the SDK throws its NPE before our mapping runs
        }
        try {
            RecordingTask task = SdkTransport.toDomain(TASK, parsed.response);
            assertThat(task.ref()).isEqualTo(TASK);
        } catch (RecordingQueryException expected) {
            assertThat(expected.code()).isNotEmpty();
        }
    }
}
