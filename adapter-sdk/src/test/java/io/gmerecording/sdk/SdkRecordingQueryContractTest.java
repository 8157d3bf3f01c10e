package io.gmerecording.sdk;

import io.gmerecording.contract.RecordingQueryContract;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingQuery;
import java.time.Duration;

class SdkRecordingQueryContractTest extends RecordingQueryContract {

    @Override
    protected RecordingQuery newQuery(String endpoint, Credentials credentials, Duration timeout) {
        return SdkRecordingQuery.builder()
                .endpoint(endpoint)
                .credentials(credentials)
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .build();
    }
}
