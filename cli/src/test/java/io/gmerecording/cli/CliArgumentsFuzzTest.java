package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Paths;
import java.util.Collections;

/**
 * Whatever ids and durations a user types, {@code watch} answers with exit 2 and a one-line message on stderr before
 * any request (there are no credentials, so even good values stop there): never a stack trace, never an exception.
 * Stored inputs run in {@code mvn verify}.
 */
class CliArgumentsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyIdsAndDurationsGiveAOneLineConfigurationOrUsageError(FuzzedDataProvider data) {
        String[] args = {"watch", "--biz-id", data.consumeString(30), "--task-id", data.consumeString(30),
            "--interval", data.consumeString(30), "--timeout", data.consumeRemainingAsString(),
            "--endpoint", "http://127.0.0.1:9"};

        CliRun run = CliRun.run(Collections.singletonMap("GME_RECORDING_METADATA_ENDPOINT",
                AgainstTheEmulator.NO_METADATA), Paths.get("/nonexistent-home"), new FakeTime(), args);

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith("gme-recording: ").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
