package io.gmerecording.http;

import io.gmerecording.contract.ResilienceContract;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.Transport;
import java.time.Duration;

class HttpResilienceTest extends ResilienceContract {

    @Override
    protected Transport newQuery(String endpoint, Credentials credentials, Duration timeout) {
        return HttpTransport.builder().endpoint(endpoint).credentials(credentials).connectTimeout(timeout)
                .requestTimeout(timeout).build();
    }

    @Override
    protected Duration shortTimeout() {
        return Duration.ofMillis(300);
    }
}
