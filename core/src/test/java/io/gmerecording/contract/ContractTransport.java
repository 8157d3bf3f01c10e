package io.gmerecording.contract;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.Transport;
import java.time.Duration;

/** How an adapter's tests build the adapter for a contract: an endpoint, credentials, and one timeout for all. */
@FunctionalInterface
public interface ContractTransport {

    Transport build(String endpoint, Credentials credentials, Duration timeout);
}
