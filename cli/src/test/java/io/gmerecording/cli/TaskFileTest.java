package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code --task-file} as careless users hand it over: endless, huge, saved with a BOM, holding odd characters. */
class TaskFileTest extends AgainstTheEmulator {

    private CliRun watch(Path file) {
        return run("watch", "--biz-id", "3400352518", "--task-file", file.toString(), "--endpoint",
                emulator.endpoint());
    }

    @Test
    void anEndlessFileIsOneErrorNamingTheLineNotTheHeapsEnd() {
        CliRun run = watch(Path.of("/dev/zero"));

        assertThat(run.exitCode).isEqualTo(GmeRecordingCli.USAGE);
        assertThat(run.err.split("\n")).hasSize(1);
        assertThat(run.err).startsWith("gme-recording: --task-file /dev/zero line 1 is longer than 256 bytes (it starts "
                + "'\\u0000\\u0000").doesNotContain("Exception");
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @Test
    void aTenMegabyteLineIsRefusedWithoutEchoingIt() throws IOException {
        byte[] line = new byte[10 * 1024 * 1024];
        Arrays.fill(line, (byte) '7');
        Path file = Files.write(home.resolve("huge.txt"), line);

        CliRun run = watch(file);

        assertThat(run.exitCode).isEqualTo(GmeRecordingCli.USAGE);
        assertThat(run.err.length()).isLessThan(400);
        assertThat(run.err).contains("line 1 is longer than 256 bytes");
    }

    @Test
    void aFileLargerThanTheCapIsNamedWithTheCap() throws IOException {
        byte[] comments = ("#" + "x".repeat(200) + "\n").repeat(90_000).getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(home.resolve("many.txt"), comments);

        CliRun run = watch(file);

        assertThat(run.exitCode).isEqualTo(GmeRecordingCli.USAGE);
        assertThat(run.err).contains("is larger than 16 MiB");
    }

    @Test
    void aByteOrderMarkIsSkippedAndOddCharactersAreShownEscaped() throws IOException {
        Path bom = Files.write(home.resolve("bom.txt"), ("\uFEFF446192236330927913\n").getBytes(StandardCharsets.UTF_8));
        Path odd = Files.write(home.resolve("odd.txt"), ("446192236330927913\n12\u001b[31m3\n")
                .getBytes(StandardCharsets.UTF_8));

        CliRun accepted = watch(bom);
        CliRun refused = watch(odd);

        assertThat(accepted.exitCode).as(accepted.toString()).isZero();
        assertThat(accepted.out).contains("446192236330927913");
        assertThat(refused.exitCode).isEqualTo(GmeRecordingCli.USAGE);
        assertThat(refused.err).contains("line 2: '12\\u001b[31m3' is not a positive 64-bit integer")
                .doesNotContain("\u001b");
    }
}
