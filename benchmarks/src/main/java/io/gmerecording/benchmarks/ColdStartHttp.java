package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.http.HttpTransport;
import java.nio.file.Paths;

/** A fresh JVM's first describe through adapter-http; started by {@link BenchmarkMain} once per run. */
public final class ColdStartHttp {

    private ColdStartHttp() {
    }

    public static void main(String[] args) {
        HttpTransport.Builder builder = HttpTransport.builder().endpoint(args[0])
                .credentials(Credentials.of(args[1], args[2]));
        if (args.length > 3) {
            builder.trustCertificate(Paths.get(args[3])); // https: the server's self-signed certificate
        }
        // closed as an application closes it at shutdown, so the JVM does not wait for the client's threads at exit
        try (HttpTransport query = builder.build()) {
            System.out.println("room " + query.describe(TaskRef.of(3400352518L, 446192236330927912L)).roomId());
        }
    }
}
