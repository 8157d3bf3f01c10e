package io.gmerecording.cli;

import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Command-line tests against a fresh emulator on fake time, with the demo key in the environment. */
abstract class AgainstTheEmulator {

    /** A loopback port nothing listens on: the CVM role probe of the credentials chain is refused at once. */
    static final String NO_METADATA = "http://127.0.0.1:9";

    @TempDir
    Path home;

    final FakeTime time = new FakeTime();
    GmeEmulator emulator;
    Map<String, String> env;

    @BeforeEach
    void startEmulator() {
        emulator = GmeEmulator.builder().clock(time).build();
        env = new HashMap<>();
        env.put("TENCENTCLOUD_SECRET_ID", AcceptedKey.DEMO.secretId());
        env.put("TENCENTCLOUD_SECRET_KEY", AcceptedKey.DEMO.secretKey());
        env.put("GME_RECORDING_METADATA_ENDPOINT", NO_METADATA); // never the real metadata host from a test
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    CliRun run(String... args) {
        return CliRun.run(env, home, time, args);
    }
}
