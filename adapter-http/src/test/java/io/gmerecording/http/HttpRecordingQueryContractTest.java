package io.gmerecording.http;

import io.gmerecording.contract.RecordingQueryContract;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingQuery;
import java.time.Duration;

class HttpRecordingQueryContractTest extends RecordingQueryContract {

    @Override
    protected RecordingQuery newQuery(String endpoint, Credentials credentials, Duration timeout) {
        return HttpRecordingQuery.builder()
                .endpoint(endpoint)
                .credentials(credentials)
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .build();
    }
}
