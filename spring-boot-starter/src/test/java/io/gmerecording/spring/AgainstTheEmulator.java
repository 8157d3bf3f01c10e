package io.gmerecording.spring;

import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's auto-configuration pointed at an emulator (one per test class) with the demo key. */
abstract class AgainstTheEmulator {

    static GmeEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = GmeEmulator.builder().build();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    static String[] pointedAtTheEmulator() {
        return new String[] {"gme.recording.endpoint=" + emulator.endpoint(),
            "gme.recording.credentials.secret-id=" + AcceptedKey.DEMO.secretId(),
            "gme.recording.credentials.secret-key=" + AcceptedKey.DEMO.secretKey()};
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GmeRecordingAutoConfiguration.class))
            .withPropertyValues(pointedAtTheEmulator());
}
