package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.TransportException;
import org.junit.jupiter.api.Test;

/** adapter-sdk alone brings everything it needs at run time: the SDK loads, signs and reports a refused connection. */
class SdkRecordingStatusTest {

    @Test
    void aRefusedConnectionIsATypedTransportError() {
        try (GmeRecording gme = SdkRecordingStatus.create("http://127.0.0.1:1", Credentials.of("AKIDexample", "key"))) {
            TransportException error = assertThrows(TransportException.class,
                    () -> gme.query().describe(TaskRef.of(3400352518L, 446192236330927912L)));
            assertEquals("Transport.ConnectionFailed", error.code());
        }
    }
}
