package io.gmerecording.http;

import io.gmerecording.contract.RecordingQueryContract;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.Transport;
import java.time.Duration;

class HttpTransportContractTest extends RecordingQueryContract {

    @Override
    protected Transport newQuery(String endpoint, Credentials credentials, Duration timeout) {
        return HttpTransport.builder()
                .endpoint(endpoint)
                .credentials(credentials)
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .build();
    }
}
