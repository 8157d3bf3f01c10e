package io.gmerecording.sdk;

import io.gmerecording.contract.LifecycleContract;

class SdkLifecycleContractTest extends LifecycleContract {

    SdkLifecycleContractTest() {
        super(SdkTransportContractTest::transport);
    }
}
