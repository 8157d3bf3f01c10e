package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.redis.LocalRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@code watch} over many tasks through the tracker, and the shared limit on describe and watch. */
class WatchManyTest extends AgainstTheEmulator {

    private static final Logger LETTUCE = Logger.getLogger("io.lettuce");

    private List<JsonNode> jsonLines(String out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.trim().split("\n")) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    @Test
    void watchesTasksFromIdsAndAFileAndPrintsOneJsonLinePerChangeAndEnd() throws Exception {
        Path file = home.resolve("tasks.txt");
        Files.writeString(file, "# tasks of tonight\n\n446192236330927913\n  42  \n# 446192236330927912\n");
        CliRun run = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927913", "--task-file",
                file.toString(), "--endpoint", emulator.endpoint(), "--interval", "0.5", "--output", "json");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        List<JsonNode> lines = jsonLines(run.out);
        assertThat(lines).filteredOn(line -> line.get("event").asText().equals("change"))
                .extracting(line -> line.get("status").asText())
                .containsExactly("RECORDING", "AWAITING_TRANSCODE", "TRANSCODING", "UPLOADING", "UPLOADED",
                        "NOTIFIED");
        assertThat(lines).filteredOn(line -> line.get("event").asText().equals("end"))
                .extracting(line -> line.get("taskId").asLong() + " " + line.get("outcome").asText() + " "
                        + line.at("/error/code").asText("-"))
                .containsExactlyInAnyOrder("446192236330927913 REACHED -", "42 FAILED ResourceNotFound.TaskNotFound");
        JsonNode first = lines.stream().filter(line -> line.get("event").asText().equals("change")).findFirst()
                .orElseThrow();
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(first.get("bizId").asLong()).isEqualTo(3400352518L);
        assertThat(first.at("/recordings/0/userId").asText()).isEqualTo("1001");
    }

    @Test
    void onATerminalAStatusLineStaysBelowTheChangesAndIsGoneBeforeTheSummary() {
        String[] args = {"watch", "--biz-id", "3400352518", "--task-id", "446192236330927913", "--task-id", "42",
            "--endpoint", emulator.endpoint(), "--interval", "0.5"};

        CliRun terminal = CliRun.onATerminal(env, home, time, args);
        CliRun pipe = run(args);
        CliRun quiet = CliRun.onATerminal(env, home, time, append(args, "--quiet"));
        CliRun json = CliRun.onATerminal(env, home, time, append(args, "--output", "json"));

        assertThat(terminal.exitCode).as(terminal.toString()).isEqualTo(1);
        assertThat(terminal.out).contains("\r\u001b[K2 tasks:").contains("| ended ").contains("req/s")
                .contains("RECORDING 1").contains("(failed 1)");
        String summary = terminal.out.substring(terminal.out.lastIndexOf("\r\u001b[K") + 4);
        assertThat(summary).as("the summary after the status line is cleared").startsWith("1 of 2 tasks reached");
        for (CliRun plain : List.of(pipe, quiet, json)) {
            assertThat(plain.out).as("no control sequence on a pipe, with --quiet or JSON").doesNotContain("\u001b")
                    .doesNotContain("\r");
        }
        assertThat(pipe.out).contains("1 of 2 tasks reached NOTIFIED");
    }

    @Test
    void describeOfSeveralTasksShowsHowManyAreDoneOnATerminalOnly() {
        String[] args = {"describe", "--biz-id", "3400352518", "--task-id", "446192236330927913", "--task-id", "42",
            "--endpoint", emulator.endpoint()};

        CliRun terminal = CliRun.onATerminal(env, home, time, args);
        CliRun pipe = run(args);
        CliRun quiet = CliRun.onATerminal(env, home, time, append(args, "--quiet"));
        CliRun json = CliRun.onATerminal(env, home, time, append(args, "--output", "json"));

        assertThat(terminal.exitCode).as(terminal.toString()).isEqualTo(1);
        assertThat(terminal.out).contains("\r\u001b[Kdescribed ").contains(" of 2 tasks");
        String table = terminal.out.substring(terminal.out.lastIndexOf("\r\u001b[K") + 4);
        String requestId = "[0-9a-f-]{36}";
        assertThat(table.replaceAll(requestId, "id")).as("the table after the progress line is cleared")
                .isEqualTo(pipe.out.replaceAll(requestId, "id")).contains("TaskNotFound");
        for (CliRun plain : List.of(pipe, quiet, json)) {
            assertThat(plain.out).as("no control sequence on a pipe, with --quiet or JSON").doesNotContain("\u001b")
                    .doesNotContain("\r").doesNotContain("described ");
        }
        CliRun one = CliRun.onATerminal(env, home, time, "describe", "--biz-id", "3400352518", "--task-id",
                "446192236330927913", "--endpoint", emulator.endpoint());
        assertThat(one.out).as("one task needs no progress").doesNotContain("\u001b");
    }

    @Test
    void watchWithAStoreKeepsItsTasksInRedisUntilTheyEndAndNamesABadStore() {
        try (LocalRedis redis = LocalRedis.start()) {
            CliRun run = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927913", "--endpoint",
                    emulator.endpoint(), "--interval", "0.5", "--store", "redis://127.0.0.1:" + redis.port(),
                    "--store-name", "tonight");

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("task 446192236330927913: reached NOTIFIED");
            assertThat(redis.command("HLEN", "gme-recording:tracker:{tonight}:tasks")).isEqualTo("[0]");
            assertThat(redis.command("HLEN", "gme-recording:tracker:{tonight}:ends")).as("acknowledged")
                    .isEqualTo("[0]");
        }
        CliRun bad = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927913", "--endpoint",
                emulator.endpoint(), "--store", "http://:s3cret@127.0.0.1:6379");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).startsWith("gme-recording: --store: ").doesNotContain("s3cret");
        CliRun name = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927913", "--endpoint",
                emulator.endpoint(), "--store-name", "tonight");
        assertThat(name.exitCode).isEqualTo(2);
        assertThat(name.err).contains("--store-name names a store in Redis: it needs --store");
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void aTaskThatNeverGetsThereTimesOutAndTheSummarySaysHowManyReached() {
        CliRun run = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--task-id",
                "446192236330927913", "--endpoint", emulator.endpoint(), "--interval", "1", "--timeout", "30");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.out).contains("task 446192236330927912: timed out, last seen RECORDING")
                .contains("task 446192236330927913: reached NOTIFIED").endsWith("1 of 2 tasks reached NOTIFIED\n");
    }

    @Test
    void ctrlCEndsTheWatchNamingEachUnfinishedTaskAndExitsNonZero() throws Exception {
        ManualInterrupts interrupts = new ManualInterrupts();
        time.freezeAt(Duration.ofSeconds(60), interrupts::fire);

        CliRun run = CliRun.run(env, home, time, interrupts, "watch", "--biz-id", "3400352518", "--task-id",
                "446192236330927912", "--task-id", "446192236330927913", "--task-id", "446192236330927914",
                "--endpoint", emulator.endpoint(), "--interval", "1");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(GmeRecordingCli.INTERRUPTED);
        assertThat(run.out).contains("task 446192236330927913: reached NOTIFIED")
                .contains("task 446192236330927912: interrupted, last seen RECORDING\n")
                .contains("task 446192236330927914: interrupted\n")
                .endsWith("interrupted: 1 of 3 tasks reached NOTIFIED\n");
        assertThat(interrupts.commandFinishedInTime()).as("the watch finished before the process would end").isTrue();
    }

    @Test
    void ctrlCInAJsonWatchEndsEachUnfinishedTaskWithAnInterruptedEvent() throws Exception {
        ManualInterrupts interrupts = new ManualInterrupts();
        time.freezeAt(Duration.ofSeconds(5), interrupts::fire);

        CliRun run = CliRun.run(env, home, time, interrupts, "watch", "--biz-id", "3400352518", "--task-id",
                "446192236330927912", "--endpoint", emulator.endpoint(), "--interval", "1", "--output", "json");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(GmeRecordingCli.INTERRUPTED);
        JsonNode last = jsonLines(run.out).get(jsonLines(run.out).size() - 1);
        assertThat(last.get("event").asText()).isEqualTo("end");
        assertThat(last.get("outcome").asText()).isEqualTo("INTERRUPTED");
        assertThat(last.get("lastStatus").asText()).isEqualTo("RECORDING");
    }

    @Test
    void aSharedLimitWhosePasswordRedisRefusesIsAUsageErrorBeforeAnyRequest() {
        try (LocalRedis redis = LocalRedis.start()) {
            redis.command("CONFIG", "SET", "requirepass", "the-right-one");

            CliRun run = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint",
                    emulator.endpoint(), "--shared-limit", "redis://:not-it@127.0.0.1:" + redis.port());

            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.err).startsWith("gme-recording: --shared-limit: the shared rate limit at redis://127.0.0.1:"
                    + redis.port() + "/0 cannot be used: authentication failed").doesNotContain("not-it");
            assertThat(run.err.lines()).hasSize(1);
            assertThat(emulator.requestLog().entries()).isEmpty();
        }
    }

    @Test
    void aBadTaskFileIsAUsageErrorNamingTheFileAndLine() throws Exception {
        Path file = home.resolve("bad.txt");
        Files.writeString(file, "446192236330927913\n12x\n");
        CliRun badLine = run("watch", "--biz-id", "1", "--task-file", file.toString());
        CliRun missing = run("watch", "--biz-id", "1", "--task-file", home.resolve("nope.txt").toString());
        CliRun none = run("watch", "--biz-id", "1");

        assertThat(badLine.exitCode).isEqualTo(2);
        assertThat(badLine.err).contains("--task-file " + file + " line 2: '12x' is not a positive 64-bit integer");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("nope.txt cannot be read");
        assertThat(none.exitCode).isEqualTo(2);
        assertThat(none.err).contains("give at least one --task-id or a --task-file");
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @Test
    void badSharedLimitSettingsAreUsageErrorsNamingTheValue() {
        CliRun scheme = run("describe", "--biz-id", "1", "--task-id", "1", "--shared-limit", "http://cache:6379");
        CliRun password = run("describe", "--biz-id", "1", "--task-id", "1", "--shared-limit",
                "redis://:hunter2@cache");
        CliRun fallbackAlone = run("describe", "--biz-id", "1", "--task-id", "1", "--shared-limit-fallback", "3");

        assertThat(scheme.exitCode).isEqualTo(2);
        assertThat(scheme.err).contains("--shared-limit: bad Redis location 'http://cache:6379'");
        assertThat(password.exitCode).isEqualTo(2);
        assertThat(password.err).contains("redis://***@cache").doesNotContain("hunter2");
        assertThat(fallbackAlone.exitCode).isEqualTo(2);
        assertThat(fallbackAlone.err).contains("--shared-limit-fallback needs --shared-limit");
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @Test
    void describeAndWatchShareTheBudgetThroughRedis() {
        LETTUCE.setLevel(Level.OFF);
        try (LocalRedis redis = LocalRedis.start()) {
            CliRun describe = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                    "--task-id", "446192236330927914", "--endpoint", emulator.endpoint(), "--shared-limit",
                    redis.location().toString(), "--max-rps", "5");
            CliRun watch = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927913",
                    "--endpoint", emulator.endpoint(), "--interval", "0.5", "--shared-limit",
                    redis.location().toString());

            assertThat(describe.exitCode).as(describe.toString()).isZero();
            assertThat(describe.out).contains("446192236330927912").contains("446192236330927914");
            assertThat(watch.exitCode).as(watch.toString()).isZero();
            assertThat(watch.out).endsWith("every recording reached NOTIFIED\n");
            assertThat(emulator.requestLog().maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void twoReplicasWithDifferentTemporarySecretIdsShareOneBudget() {
        LETTUCE.setLevel(Level.OFF);
        env.remove("TENCENTCLOUD_SECRET_ID");
        env.remove("TENCENTCLOUD_SECRET_KEY");
        env.put("GME_RECORDING_METADATA_ENDPOINT", emulator.endpoint()); // the emulator's CVM metadata stand-in
        try (LocalRedis redis = LocalRedis.start()) {
            for (int replica = 0; replica < 2; replica++) {
                CliRun describe = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                        "--endpoint", emulator.endpoint(), "--shared-limit", redis.location().toString());
                assertThat(describe.exitCode).as(describe.toString()).isZero();
            }
            assertThat(emulator.requestLog().entries()).extracting(entry -> entry.secretId()).doesNotHaveDuplicates()
                    .allSatisfy(secretId -> assertThat(secretId).startsWith("AKIDtmpEmulator"));
            assertThat(redis.command("KEYS", "*")).as("one budget for both")
                    .contains("gme-recording:ratelimit:{DescribeRecordInfo:cvm-role:gme-recording-emulator-role}:budget")
                    .doesNotContain("AKIDtmp");
        }
    }

    @Test
    void aSharedLimitThatIsDownFailsClosedWithATypedErrorPerTask() {
        LocalRedis redis = LocalRedis.start();
        redis.stop();
        List<java.util.logging.LogRecord> logged = new ArrayList<>();
        CliRun[] run = new CliRun[1];
        try {
            logged.addAll(io.gmerecording.testing.CapturedLog.during("io.gmerecording.redis", () ->
                    run[0] = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                            "--endpoint", emulator.endpoint(), "--shared-limit", redis.location().toString(),
                            "--max-wait", "1", "--output", "json")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(run[0].exitCode).as(run[0].toString()).isEqualTo(1);
        assertThat(run[0].out).contains("\"code\":\"Client.SharedLimitUnavailable\"").contains("failing closed");
        assertThat(logged).singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
        assertThat(emulator.requestLog().entries()).isEmpty();
    }
}
