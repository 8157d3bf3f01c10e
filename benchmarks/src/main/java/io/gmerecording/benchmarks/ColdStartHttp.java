package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.http.HttpRecordingQuery;

/** A fresh JVM's first describe through adapter-http; started by {@link BenchmarkMain} once per run. */
public final class ColdStartHttp {

    private ColdStartHttp() {
    }

    public static void main(String[] args) {
        String roomId = HttpRecordingQuery.builder().endpoint(args[0]).credentials(Credentials.of(args[1], args[2]))
                .build().describe(TaskRef.of(3400352518L, 446192236330927912L)).roomId();
        System.out.println("room " + roomId);
    }
}
