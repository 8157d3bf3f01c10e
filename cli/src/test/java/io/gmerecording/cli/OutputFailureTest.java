package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Output that cannot be written: a full disk is an error on stderr, a reader that went away ends the command. */
class OutputFailureTest extends AgainstTheEmulator {

    /** Takes {@code accepted} bytes, then fails every write with {@code reason}, as the operating system would. */
    private static final class FailingOutput extends OutputStream {
        private final int accepted;
        private final String reason;
        private int written;

        FailingOutput(int accepted, String reason) {
            this.accepted = accepted;
            this.reason = reason;
        }

        @Override
        public void write(int b) throws IOException {
            if (written++ >= accepted) {
                throw new IOException(reason);
            }
        }
    }

    private int run(OutputStream out, StringWriter err, String... args) {
        return GmeRecordingCli.run(args, CliEnvironment.writingTo(out, new PrintWriter(err, true), env, home, time,
                time, Interrupts.NONE));
    }

    @Test
    void aFullDiskIsAnErrorWithOneLineNotASuccessWithAnEmptyFile() {
        StringWriter err = new StringWriter();

        int code = run(new FailingOutput(0, "No space left on device"), err, "describe", "--biz-id", "3400352518",
                "--task-id", "446192236330927912", "--endpoint", emulator.endpoint(), "--output", "json");

        assertThat(code).isEqualTo(GmeRecordingCli.FAILED);
        assertThat(err.toString()).isEqualTo("gme-recording: cannot write the output (No space left on device); what "
                + "was written is incomplete" + System.lineSeparator());
    }

    @Test
    void aReaderThatWentAwayEndsTheWatchAtOnceAndQuietly() {
        StringWriter err = new StringWriter();
        AtomicInteger requestsBefore = new AtomicInteger(emulator.requestLog().entries().size());

        // the first line reaches its reader, which then exits, as `watch ... | head -1` does
        int code = run(new FailingOutput(40, "Broken pipe"), err, "watch", "--biz-id", "3400352518", "--task-id",
                "446192236330927912", "--task-id", "446192236330927913", "--endpoint", emulator.endpoint(),
                "--interval", "1", "--timeout", "3600");

        assertThat(code).isEqualTo(GmeRecordingCli.PIPE_CLOSED);
        assertThat(err.toString()).isEmpty();
        assertThat(emulator.requestLog().entries().size() - requestsBefore.get()).as("no polling until --timeout")
                .isLessThan(20);
    }
}
