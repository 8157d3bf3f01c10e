package io.gmerecording.sdk;

import io.gmerecording.contract.ResilienceContract;
import java.time.Duration;

class SdkResilienceTest extends ResilienceContract {

    SdkResilienceTest() {
        super(SdkTransportContractTest::transport, Duration.ofSeconds(1));
    }
}
