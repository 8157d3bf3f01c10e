package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.emulator.junit.GmeEmulatorExtension;
import io.gmerecording.http.HttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GmeEmulatorExtension.class) // demo fixtures, demo key, a free loopback port
class RecordingLookupTest {

    @Test
    void describesTheSeedTask(GmeEmulator gme) {
        AcceptedKey key = gme.acceptedKeys().get(0);
        try (GmeRecording client = GmeRecording.builder()
                .transport(HttpTransport.builder()
                        .endpoint(gme.endpoint())
                        .credentials(Credentials.of(key.secretId(), key.secretKey()))
                        .build())
                .build()) {
            RecordingTask task = client.query().describe(TaskRef.of(3400352518L, 446192236330927912L));

            assertEquals("7743", task.roomId());
            assertEquals(RecordStatus.RECORDING, task.recordings().get(0).status());
        }
    }
}
