package io.gmerecording.http;

import io.gmerecording.contract.LifecycleContract;

class HttpLifecycleContractTest extends LifecycleContract {

    HttpLifecycleContractTest() {
        super(HttpTransportContractTest::transport);
    }
}
