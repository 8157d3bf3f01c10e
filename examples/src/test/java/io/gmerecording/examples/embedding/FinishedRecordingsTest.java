package io.gmerecording.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.error.AuthenticationException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.emulator.junit.GmeEmulatorExtension;
import io.gmerecording.http.HttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GmeEmulatorExtension.class)
class FinishedRecordingsTest {

    /** A client's port, one attempt per call (what a retry would do is not this service's concern). */
    private static RecordingQuery query(GmeEmulator emulator, String secretKey) {
        return GmeRecording.builder().transport(HttpTransport.builder().endpoint(emulator.endpoint())
                .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), secretKey)).build())
                .retry(RetryPolicy.none()).build().query();
    }

    @Test
    void aTaskStillRecordingIsNotYetReady(GmeEmulator emulator) {
        FinishedRecordings.Answer answer = new FinishedRecordings(query(emulator, AcceptedKey.DEMO.secretKey()))
                .filesOf(3400352518L, 446192236330927912L);

        assertThat(answer.outcome).isEqualTo(FinishedRecordings.Outcome.NOT_YET);
        assertThat(answer.files).isEmpty();
    }

    @Test
    void anUnknownTaskIsNoSuchTask(GmeEmulator emulator) {
        assertThat(new FinishedRecordings(query(emulator, AcceptedKey.DEMO.secretKey())).filesOf(3400352518L, 1L).outcome)
                .isEqualTo(FinishedRecordings.Outcome.NO_SUCH_TASK);
    }

    @Test
    void aWrongKeyReachesTheOperator(GmeEmulator emulator) {
        assertThatThrownBy(() -> new FinishedRecordings(query(emulator, "wrong")).filesOf(3400352518L, 1L))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aTransientFailureSaysTryLater() {
        FinishedRecordings service = new FinishedRecordings(ref -> {
            throw ErrorCodes.exception("InternalError", "busy", "r");
        });

        assertThat(service.filesOf(1, 2).outcome).isEqualTo(FinishedRecordings.Outcome.TRY_LATER);
    }
}
