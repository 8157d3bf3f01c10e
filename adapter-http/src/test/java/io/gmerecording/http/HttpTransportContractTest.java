package io.gmerecording.http;

import io.gmerecording.contract.RecordingQueryContract;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.Transport;
import java.time.Duration;

class HttpTransportContractTest extends RecordingQueryContract {

    HttpTransportContractTest() {
        super(HttpTransportContractTest::transport);
    }

    /** The adapter as every contract of this module builds it. */
    static Transport transport(String endpoint, Credentials credentials, Duration timeout) {
        return HttpTransport.builder()
                .endpoint(endpoint)
                .credentials(credentials)
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .build();
    }
}
