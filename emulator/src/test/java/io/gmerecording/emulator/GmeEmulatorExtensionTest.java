package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.emulator.junit.GmeEmulatorExtension;
import io.gmerecording.http.HttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GmeEmulatorExtension.class)
class GmeEmulatorExtensionTest {

    @Test
    void handsTheTestARunningEmulatorOnLoopback(GmeEmulator emulator) {
        AcceptedKey key = emulator.acceptedKeys().get(0);

        String roomId = HttpTransport.builder().endpoint(emulator.endpoint())
                .credentials(Credentials.of(key.secretId(), key.secretKey())).build()
                .describe(TaskRef.of(3400352518L, 446192236330927912L)).roomId();

        assertThat(emulator.endpoint()).startsWith("http://127.0.0.1:");
        assertThat(emulator.port()).isPositive();
        assertThat(roomId).isEqualTo("7743");
        assertThat(key.toString()).doesNotContain(key.secretKey());
    }
}
