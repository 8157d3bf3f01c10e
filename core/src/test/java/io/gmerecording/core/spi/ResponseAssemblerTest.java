package io.gmerecording.core.spi;

import io.gmerecording.core.RecordMode;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.TransportException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ResponseAssemblerTest {

    private static final TaskRef REF = TaskRef.of(3400352518L, 446192236330927912L);

    @Test
    void assemblesTheSeedAnswer() {
        RecordingTask task = ResponseAssembler.forTask(REF)
                .roomId("7743").recordMode(1L).requestId("h9167d24-a2c6-1125-a5bd-5c023ba721c2")
                .recording("6787", "/3400352518_2314_447947346201176660_9081", 1234567868L, 2L)
                .build();

        assertThat(task.ref()).isEqualTo(REF);
        assertThat(task.roomId()).isEqualTo("7743");
        assertThat(task.recordMode()).isEqualTo(RecordMode.SINGLE_STREAM);
        assertThat(task.recordings()).containsExactly(Recording.of(
                "6787", "/3400352518_2314_447947346201176660_9081", Instant.parse("2009-02-13T23:31:08Z"), 2));
    }

    @Test
    void noRecordInfoMeansNoRecordings() {
        RecordingTask task = ResponseAssembler.forTask(REF).roomId("1").recordMode(2L).requestId("r").build();

        assertThat(task.recordings()).isEmpty();
    }

    @Test
    void missingFieldsAreMalformedAnswersNamingTheField() {
        assertMalformed(() -> ResponseAssembler.forTask(REF).recordMode(1L).requestId("r").build(), "RoomId");
        assertMalformed(() -> ResponseAssembler.forTask(REF).roomId("1").requestId("r").build(), "RecordMode");
        assertMalformed(() -> ResponseAssembler.forTask(REF).roomId("1").recordMode(1L).build(), "RequestId");
        assertMalformed(() -> ResponseAssembler.forTask(REF).recording(null, "f", 1L, 2L), "RecordInfo[0].UserId");
        assertMalformed(() -> ResponseAssembler.forTask(REF).recording("u", "f", 1L, 2L).recording("u", null, 1L, 2L),
                "RecordInfo[1].FileName");
        assertMalformed(() -> ResponseAssembler.forTask(REF).recording("u", "f", null, 2L), "RecordInfo[0].RecordBeginTime");
        assertMalformed(() -> ResponseAssembler.forTask(REF).recording("u", "f", 1L, null), "RecordInfo[0].RecordStatus");
        assertMalformed(() -> ResponseAssembler.forTask(REF).nullRecording(), "RecordInfo[0] is null");
        assertMalformed(() -> ResponseAssembler.forTask(REF).recording("u", "f", Long.MAX_VALUE, 2L), "out of range");
    }

    private static void assertMalformed(Executable call, String named) {
        TransportException error = catchThrowableOfType(TransportException.class, call::execute);
        assertThat(error).as("expected a malformed-response error naming %s", named).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_MALFORMED_RESPONSE);
        assertThat(error.getMessage()).contains(named);
        assertThat(error.isRetryable()).isTrue();
    }
}
