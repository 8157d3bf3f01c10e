package io.gmerecording.http;

import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;

/** Benchmark access to adapter-http's body-to-domain path (package-private); a test fixture, published in the test-jar for the benchmarks. */
public final class HttpMappingProbe {

    private HttpMappingProbe() {
    }

    public static RecordingTask read(TaskRef task, byte[] body) {
        return EnvelopeReader.read(task, body);
    }
}
