package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.sdk.SdkTransport;
import java.nio.file.Paths;

/** A fresh JVM's first describe through adapter-sdk; started by {@link BenchmarkMain} once per run. */
public final class ColdStartSdk {

    private ColdStartSdk() {
    }

    public static void main(String[] args) {
        SdkTransport.Builder builder = SdkTransport.builder().endpoint(args[0])
                .credentials(Credentials.of(args[1], args[2]));
        if (args.length > 3) {
            builder.trustCertificate(Paths.get(args[3])); // https: the server's self-signed certificate
        }
        // closed as an application closes it at shutdown, so the JVM does not wait for the client's threads at exit
        try (SdkTransport query = builder.build()) {
            System.out.println("room " + query.describe(TaskRef.of(3400352518L, 446192236330927912L)).roomId());
        }
    }
}
