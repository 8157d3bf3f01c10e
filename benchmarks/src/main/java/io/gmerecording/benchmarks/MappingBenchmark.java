package io.gmerecording.benchmarks;

import com.google.gson.Gson;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.http.HttpMappingProbe;
import io.gmerecording.sdk.SdkMappingProbe;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Turning the answer's bytes into the domain value: our Jackson/generated-DTO path against the SDK's Gson path
 * (which also has to decode the bytes into a String first, as okhttp's {@code body().string()} does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MappingBenchmark {

    private Gson gson;

    @Setup
    public void setUp() {
        gson = new GmeClient(new Credential("a", "b"), "").gson;
        if (!ours().equals(sdk())) {
            throw new IllegalStateException("the two paths disagree; the comparison would be meaningless");
        }
    }

    @Benchmark
    public RecordingTask ours() {
        return HttpMappingProbe.read(Fixtures.SEED, Fixtures.SEED_BYTES);
    }

    @Benchmark
    public RecordingTask sdk() {
        return SdkMappingProbe.read(gson, Fixtures.SEED, new String(Fixtures.SEED_BYTES, StandardCharsets.UTF_8));
    }
}
