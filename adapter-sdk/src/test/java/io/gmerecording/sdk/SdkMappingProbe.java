package io.gmerecording.sdk;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.tencentcloudapi.common.JsonResponseErrModel;
import com.tencentcloudapi.common.JsonResponseModel;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoResponse;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import java.lang.reflect.Type;

/**
 * The SDK's body-to-domain path as a call through {@link SdkTransport} runs it: the SDK's Gson reads the body
 * once as an error envelope and once as the typed response (what {@code AbstractClient.processResponseJson} does),
 * then adapter-sdk maps the SDK model to the domain. A test fixture: published in the test-jar for the benchmarks.
 */
public final class SdkMappingProbe {

    private static final Type ERROR = new TypeToken<JsonResponseModel<JsonResponseErrModel>>() { }.getType();
    private static final Type RESPONSE =
            TypeToken.getParameterized(JsonResponseModel.class, DescribeRecordInfoResponse.class).getType();

    private SdkMappingProbe() {
    }

    public static RecordingTask read(Gson gson, TaskRef task, String body) {
        JsonResponseModel<JsonResponseErrModel> error = gson.fromJson(body, ERROR);
        if (error.response.error != null) {
            throw new IllegalStateException("the benchmark body is an error answer");
        }
        JsonResponseModel<DescribeRecordInfoResponse> response = gson.fromJson(body, RESPONSE);
        return SdkTransport.toDomain(task, response.response);
    }
}
