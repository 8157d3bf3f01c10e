package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GmeRecordingCliTest extends AgainstTheEmulator {

    private static final String SEED_LINE = "{\"bizId\":3400352518,\"taskId\":446192236330927912,\"roomId\":\"7743\","
            + "\"recordMode\":\"SINGLE_STREAM\",\"recordModeCode\":1,\"requestId\":\"";
    private static final String SEED_RECORDINGS = "\"recordings\":[{\"userId\":\"6787\","
            + "\"fileName\":\"/3400352518_2314_447947346201176660_9081\",\"beginTime\":\"2009-02-13T23:31:08Z\","
            + "\"status\":\"RECORDING\",\"statusCode\":2}]}";

    @Test
    void describePrintsOneExactJsonLinePerTask() {
        CliRun run = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                "--endpoint", emulator.endpoint(), "--output", "json");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out.trim()).startsWith(SEED_LINE).endsWith(SEED_RECORDINGS);
        assertThat(run.out.trim().split("\n")).hasSize(1);
    }

    @Test
    void describeThroughTheSdkAdapterPrintsTheSameLine() {
        CliRun run = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                "--endpoint", emulator.endpoint(), "--output", "json", "--adapter", "sdk");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out.trim()).startsWith(SEED_LINE).endsWith(SEED_RECORDINGS);
    }

    @Test
    void describePrintsAnAlignedTable() {
        CliRun run = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                "--task-id", "446192236330927914", "--endpoint", emulator.endpoint());

        assertThat(run.exitCode).as(run.toString()).isZero();
        String[] lines = run.out.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("TASK ID").contains("ROOM", "MODE", "USER", "STATUS", "BEGIN (UTC)", "FILE");
        assertThat(lines[1]).contains("446192236330927912", "7743", "SINGLE_STREAM", "6787", "RECORDING",
                "2009-02-13T23:31:08Z", "/3400352518_2314_447947346201176660_9081");
        assertThat(lines[2]).contains("446192236330927914", "9001", "MIXED_STREAM", "(no recordings)");
        assertThat(lines[1].indexOf("7743")).isEqualTo(lines[0].indexOf("ROOM"));
        assertThat(lines[2].indexOf("9001")).isEqualTo(lines[0].indexOf("ROOM"));
    }

    @Test
    void aBatchKeepsInputOrderAndExitsOneWhenAnyTaskFailed() throws Exception {
        CliRun run = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927914", "--task-id", "42",
                "--task-id", "446192236330927912", "--endpoint", emulator.endpoint(), "--output", "json");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        String[] lines = run.out.trim().split("\n");
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines[0]).get("taskId").asLong()).isEqualTo(446192236330927914L);
        assertThat(json.readTree(lines[0]).get("recordings")).isEmpty();
        JsonNode failed = json.readTree(lines[1]);
        assertThat(lines[1]).startsWith("{\"bizId\":3400352518,\"taskId\":42,\"error\":{\"code\":"
                + "\"ResourceNotFound.TaskNotFound\",\"message\":\"");
        assertThat(failed.at("/error/requestId").asText()).isNotEmpty();
        assertThat(failed.has("roomId")).isFalse();
        assertThat(lines[2]).startsWith(SEED_LINE);
    }

    @Test
    void unrecognizedCodesPrintAsUnrecognizedWithTheRawCode() throws Exception {
        emulator.close();
        String fixtures = "{\"tasks\":[{\"BizId\":5,\"TaskId\":6,\"RoomId\":\"r\",\"RecordMode\":9,\"RecordInfo\":["
                + "{\"RecordStatus\":77,\"RecordBeginTime\":0,\"UserId\":\"u\",\"FileName\":\"f\"}]}]}";
        emulator = GmeEmulator.builder().clock(time)
                .fixtures(Fixtures.parse(fixtures.getBytes(StandardCharsets.UTF_8), "test")).build();

        CliRun run = run("describe", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint(),
                "--output", "json");

        assertThat(run.out.trim()).isEqualTo("{\"bizId\":5,\"taskId\":6,\"roomId\":\"r\",\"recordMode\":\"UNRECOGNIZED\","
                + "\"recordModeCode\":9,\"requestId\":\"" + new ObjectMapper().readTree(run.out).get("requestId").asText()
                + "\",\"recordings\":[{\"userId\":\"u\",\"fileName\":\"f\",\"beginTime\":\"1970-01-01T00:00:00Z\","
                + "\"status\":\"UNRECOGNIZED\",\"statusCode\":77}]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "9223372036854775808", "1.5", "+12", " 12", "12 ", "\u0661\u0662",
        "\uff11\uff12", ""})
    void invalidIdsExitTwoBeforeAnyRequest(String bad) {
        CliRun taskRun = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--task-id", bad,
                "--endpoint", emulator.endpoint());
        CliRun bizRun = run("describe", "--biz-id", bad, "--task-id", "1", "--endpoint", emulator.endpoint());

        assertThat(taskRun.exitCode).as(taskRun.toString()).isEqualTo(2);
        assertThat(taskRun.err).contains("--task-id").contains("is not a positive 64-bit integer");
        assertThat(bizRun.exitCode).isEqualTo(2);
        assertThat(bizRun.err).contains("--biz-id");
        assertThat(taskRun.err + bizRun.err).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @Test
    void usageErrorsExitTwoWithAClearMessage() {
        assertThat(run().exitCode).isEqualTo(2);
        assertThat(run("describe", "--task-id", "1").err).contains("--biz-id");
        CliRun badAdapter = run("describe", "--biz-id", "1", "--task-id", "1", "--adapter", "grpc");
        assertThat(badAdapter.exitCode).isEqualTo(2);
        assertThat(badAdapter.err).contains("grpc");
        CliRun badEndpoint = run("describe", "--biz-id", "1", "--task-id", "1", "--endpoint", "http://example.com");
        assertThat(badEndpoint.exitCode).isEqualTo(2);
        assertThat(badEndpoint.err).contains("example.com").doesNotContain("\tat ");
        CliRun badRps = run("describe", "--biz-id", "1", "--task-id", "1", "--max-rps", "0");
        assertThat(badRps.exitCode).isEqualTo(2);
        assertThat(badRps.err).contains("--max-rps");
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @Test
    void missingCredentialsAreAConfigurationErrorListingWhereItLookedBeforeAnyRequest() {
        env.clear();
        env.put("GME_RECORDING_METADATA_ENDPOINT", NO_METADATA);

        CliRun run = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                "--endpoint", emulator.endpoint(), "--output", "json");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith("gme-recording: Client.CredentialsNotFound").contains("TENCENTCLOUD_SECRET_ID")
                .contains(home.toString());
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @Test
    void verboseSummariesOnStderrNeverShowTheSecret() {
        env.put("TENCENTCLOUD_TOKEN", "a-session-token");

        CliRun run = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                "--task-id", "99", "--endpoint", emulator.endpoint(), "--verbose", "--adapter", "sdk");

        assertThat(run.err).contains("> DescribeRecordInfo BizId=3400352518 TaskId=446192236330927912 via sdk")
                .contains("< 200 RoomId=7743").contains("< error ResourceNotFound.TaskNotFound")
                .contains("secretKey=<redacted>").contains("token=<redacted>")
                .doesNotContain(AcceptedKey.DEMO.secretKey()).doesNotContain("a-session-token")
                .doesNotContain("Signature=");
        assertThat(run.out).doesNotContain(AcceptedKey.DEMO.secretKey());
    }

    @Test
    void sixtyTasksAtTwentyPerSecondTakeAboutThreeSecondsAndNeverExceedTheLimit() {
        StringBuilder fixtures = new StringBuilder("{\"tasks\":[");
        for (int i = 1; i <= 60; i++) {
            fixtures.append(i > 1 ? "," : "").append("{\"BizId\":7,\"TaskId\":").append(i)
                    .append(",\"RoomId\":\"r").append(i).append("\",\"RecordMode\":1}");
        }
        emulator.close();
        emulator = GmeEmulator.builder().clock(time)
                .fixtures(Fixtures.parse(fixtures.append("]}").toString().getBytes(StandardCharsets.UTF_8), "sixty"))
                .build();
        // one request in flight: fake time jumps to the latest sleeper's deadline, so concurrent sleepers would
        // stamp arrivals early; the real-time load test covers many callers
        List<String> args = new ArrayList<>(Arrays.asList("describe", "--biz-id", "7", "--endpoint",
                emulator.endpoint(), "--max-rps", "20", "--concurrency", "1", "--output", "json"));
        for (int i = 1; i <= 60; i++) {
            args.add("--task-id");
            args.add(Integer.toString(i));
        }

        CliRun run = run(args.toArray(new String[0]));

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out.trim().split("\n")).hasSize(60);
        double elapsedSeconds = time.nanoTime() / 1e9;
        assertThat(elapsedSeconds).isBetween(2.9, 3.2);
        assertThat(emulator.requestLog().maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(20);
        assertThat(emulator.requestLog().count("RequestLimitExceeded")).isZero();
    }

    @Test
    void watchPrintsEachChangeUntilTheTargetStatus() {
        CliRun run = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927913",
                "--endpoint", emulator.endpoint(), "--interval", "0.5");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("user 1001 RECORDING, user 0 RECORDING")
                .contains("user 1001 AWAITING_TRANSCODE").contains("user 1001 TRANSCODING")
                .contains("user 1001 UPLOADING").contains("user 1001 UPLOADED")
                .contains("user 1001 NOTIFIED, user 0 NOTIFIED").contains("every recording reached NOTIFIED");
        assertThat(run.out.split("\n")).hasSize(8).contains("task 446192236330927913: reached NOTIFIED");
    }

    @Test
    void watchExitsOneOnTimeoutAndAcceptsAnEarlierTarget() {
        CliRun timedOut = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927912",
                "--endpoint", emulator.endpoint(), "--interval", "1", "--timeout", "3");
        CliRun uploaded = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927913",
                "--endpoint", emulator.endpoint(), "--interval", "1", "--until", "uploaded");
        CliRun badStatus = run("watch", "--biz-id", "1", "--task-id", "1", "--until", "DONE");

        assertThat(timedOut.exitCode).as(timedOut.toString()).isEqualTo(1);
        assertThat(timedOut.out).contains("timed out");
        assertThat(uploaded.exitCode).as(uploaded.toString()).isZero();
        assertThat(uploaded.out).contains("every recording reached UPLOADED");
        assertThat(badStatus.exitCode).isEqualTo(2);
        assertThat(badStatus.err).contains("DONE").contains("NOTIFIED");
    }

    @Test
    void demoShowsBothAdaptersAgreeingThroughTheWholeLifecycle() {
        CliRun run = run("demo");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("via http adapter: RoomId 7743").contains("via sdk  adapter: RoomId 7743")
                .contains("started task ").contains("modified through the sdk adapter: SINGLE_AND_MIXED")
                .contains("SINGLE_AND_MIXED, ALL_BUT [1002]; the adapters agree: yes")
                .contains("stopped through the sdk adapter")
                .contains("user 1001 NOTIFIED, user 1002 NOTIFIED, user 0 NOTIFIED, user 1003 NOTIFIED")
                .contains("reached NOTIFIED: 4 recording(s) in room demo-room; the adapters agree: yes")
                .doesNotContain(": NO").contains("demo finished: both adapters agree through start, modify and stop");
    }
}
