package io.gmerecording.http;

import io.gmerecording.contract.ResilienceContract;
import java.time.Duration;

class HttpResilienceTest extends ResilienceContract {

    HttpResilienceTest() {
        super(HttpTransportContractTest::transport, Duration.ofMillis(300));
    }
}
