package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.sdk.SdkRecordingQuery;

/** A fresh JVM's first describe through adapter-sdk; started by {@link BenchmarkMain} once per run. */
public final class ColdStartSdk {

    private ColdStartSdk() {
    }

    public static void main(String[] args) {
        String roomId = SdkRecordingQuery.builder().endpoint(args[0]).credentials(Credentials.of(args[1], args[2]))
                .build().describe(TaskRef.of(3400352518L, 446192236330927912L)).roomId();
        System.out.println("room " + roomId);
    }
}
