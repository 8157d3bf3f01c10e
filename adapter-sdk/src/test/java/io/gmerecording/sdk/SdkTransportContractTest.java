package io.gmerecording.sdk;

import io.gmerecording.contract.RecordingQueryContract;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.Transport;
import java.time.Duration;

class SdkTransportContractTest extends RecordingQueryContract {

    SdkTransportContractTest() {
        super(SdkTransportContractTest::transport);
    }

    /** The adapter as every contract of this module builds it. */
    static Transport transport(String endpoint, Credentials credentials, Duration timeout) {
        return SdkTransport.builder()
                .endpoint(endpoint)
                .credentials(credentials)
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .build();
    }
}
