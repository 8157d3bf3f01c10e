package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} over 2,000 tasks as its own process, once in a real terminal (a detached tmux session, its screen
 * read back with {@code capture-pane}) and once into a pipe. The terminal shows the status line below the change
 * lines; the pipe gets the lines alone, with no control sequence. Without tmux the test is skipped, unless
 * {@code GME_TERMINAL_TEST=required} (as {@code .ci/run} sets), which makes a missing tmux a failure.
 */
class WatchInATerminalTest {

    private static final long BIZ = 1400000123L;
    private static final int TASKS = 2000;
    /** How long to wait for the other process to show something; its work takes a few seconds. */
    private static final long PATIENCE_MILLIS = 60_000;

    @TempDir
    Path home;

    private GmeEmulator emulator;
    private Path taskFile;
    private final String socket = "gme-watch-test-" + UUID.randomUUID();

    @BeforeEach
    void start() throws IOException {
        boolean present = Files.isExecutable(Path.of("/usr/bin/tmux"));
        if (!present && "required".equals(System.getenv("GME_TERMINAL_TEST"))) {
            throw new IllegalStateException("the terminal test needs /usr/bin/tmux (Debian's tmux; .ci/run installs "
                    + "it)");
        }
        Assumptions.assumeTrue(present, "no /usr/bin/tmux: install Debian's tmux to run the terminal test");
        StringBuilder fixtures = new StringBuilder("{\"tasks\":[");
        StringBuilder ids = new StringBuilder();
        for (int id = 1; id <= TASKS; id++) {
            fixtures.append(id == 1 ? "" : ",").append("{\"BizId\":").append(BIZ).append(",\"TaskId\":").append(id)
                    .append(",\"Simulated\":{\"StepMillis\":300},\"RoomId\":\"r").append(id)
                    .append("\",\"RecordMode\":1,\"RecordInfo\":[{\"RecordStatus\":2,\"RecordBeginTime\":1795514400,"
                            + "\"UserId\":\"7\",\"FileName\":\"r").append(id).append("/7_audio.mp3\"}]}");
            ids.append(id).append('\n');
        }
        emulator = GmeEmulator.builder().requestsPerSecond(1000)
                .fixtures(Fixtures.parse(fixtures.append("]}").toString().getBytes(StandardCharsets.UTF_8), "test"))
                .build();
        taskFile = Files.writeString(home.resolve("tasks.txt"), ids);
        Path credentials = Files.createDirectories(home.resolve(".tencentcloud")).resolve("credentials");
        // in a file under the process's HOME, so that no key is on a command line
        Files.writeString(credentials, "[default]\nsecret_id = " + AcceptedKey.DEMO.secretId() + "\nsecret_key = "
                + AcceptedKey.DEMO.secretKey() + "\n");
        Files.setPosixFilePermissions(credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() throws Exception {
        if (emulator != null) {
            run("/usr/bin/tmux", "-L", socket, "kill-server");
            emulator.close();
        }
    }

    /** A script that runs the command line as a user would: its own JVM, this test's class path, HOME here. */
    private Path watchScript(String timeoutSeconds) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(Arrays.asList(java, "-cp", System.getProperty("java.class.path"),
                GmeRecordingCli.class.getName(), "watch", "--biz-id", String.valueOf(BIZ), "--task-file",
                taskFile.toString(), "--endpoint", emulator.endpoint(), "--interval", "1", "--max-rps", "400",
                "--concurrency", "32", "--timeout", timeoutSeconds));
        StringBuilder script = new StringBuilder("#!/bin/sh\nunset TENCENTCLOUD_SECRET_ID TENCENTCLOUD_SECRET_KEY"
                + " TENCENTCLOUD_SESSION_TOKEN TCCLI_PROFILE\nexport HOME='" + home + "'\nexport "
                + "GME_RECORDING_METADATA_ENDPOINT=" + AgainstTheEmulator.NO_METADATA + "\nexec");
        for (String word : command) {
            script.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        Path file = Files.writeString(home.resolve("watch-" + timeoutSeconds + ".sh"), script.append('\n'));
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }

    @Test
    void inATerminalTheStatusLineStaysBelowTheChangeLines() throws Exception {
        Path script = watchScript("60");
        assertThat(run("/usr/bin/tmux", "-L", socket, "new-session", "-d", "-x", "200", "-y", "50",
                script.toString())).isEqualTo(0);

        String screen = "";
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            screen = capture();
            String last = lastLine(screen);
            if (last.startsWith(TASKS + " tasks:") && last.matches(".*\\| ended [1-9].*")
                    && screen.contains(": reached NOTIFIED")) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200); // another process's progress, not this test's clock
        }
        String last = lastLine(screen);
        assertThat(last).as("the bottom line of the terminal:%n%s", screen).startsWith(TASKS + " tasks:")
                .contains("| ended ").contains("(failed 0)").contains("| staleness ").endsWith("req/s");
        assertThat(last).as("ended tasks counted").matches(".*\\| ended [1-9][0-9]* .*");
        assertThat(screen.lines().filter(line -> line.startsWith(TASKS + " tasks:")).count())
                .as("one status line, redrawn in place").isEqualTo(1);
        assertThat(screen).as("change and end lines above it").contains(" room r").contains(": reached NOTIFIED");
    }

    @Test
    void intoAPipeThereIsNoStatusLineAndNoControlSequence() throws Exception {
        Process watch = new ProcessBuilder(watchScript("12").toString()).redirectErrorStream(true).start();
        byte[] output = watch.getInputStream().readAllBytes();
        assertThat(watch.waitFor(PATIENCE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);

        assertThat(text).as("what a pipe got").contains(": reached NOTIFIED").contains(" room r")
                .containsPattern("([0-9]+ of " + TASKS + "|every recording of the " + TASKS + ") tasks reached "
                        + "NOTIFIED");
        assertThat(text).doesNotContain("\u001b").doesNotContain("\r").doesNotContain(TASKS + " tasks:");
    }

    private String capture() throws Exception {
        Process capture = new ProcessBuilder("/usr/bin/tmux", "-L", socket, "capture-pane", "-p").start();
        String screen = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        capture.waitFor(10, TimeUnit.SECONDS);
        return screen;
    }

    private static String lastLine(String screen) {
        String[] lines = screen.stripTrailing().split("\n");
        return lines[lines.length - 1];
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
