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
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    CliRun run(String... args) {
        return CliRun.run(env, home, time, args);
    }
}
