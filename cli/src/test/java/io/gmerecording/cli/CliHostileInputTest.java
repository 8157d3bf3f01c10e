package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.emulator.Dispatcher;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a careless user or a hostile server gives the command line: exit code, stream and exact first line. */
class CliHostileInputTest extends AgainstTheEmulator {

    /** ESC, BEL, CR, LF and a bidi override, as a server or fixture could send them. */
    private static final String NASTY = "a\\u001b[31mb\\u0007c\\rd\\ne\\u202ef";

    @ParameterizedTest
    @CsvSource({"describe,--help", "describe,-h", "watch,--help", "watch,-h", "emulator,--help", "emulator,-h",
        "demo,--help", "demo,-h"})
    void helpWorksOnEverySubcommand(String command, String flag) {
        CliRun run = run(command, flag);

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).startsWith("Usage: gme-recording " + command);
        assertThat(run.err).isEmpty();
    }

    @Test
    void aMisspelledOptionIsNamedInOneLineWithWhereToLook() {
        CliRun run = run("describe", "--biz-id", "1", "--taskid", "5");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("gme-recording: Unknown option: '--taskid'\n"
                + "Try 'gme-recording describe --help'\n");
    }

    @Test
    void aBadValueIsNamedInOneLine() {
        CliRun run = run("watch", "--biz-id", "abc", "--task-id", "5");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).isEqualTo("gme-recording: Invalid value for option '--biz-id': 'abc' is not a positive "
                + "64-bit integer\nTry 'gme-recording watch --help'\n");
    }

    @Test
    void aMissingOptionIsNamedInOneLine() {
        CliRun run = run("describe", "--task-id", "5");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.split("\n")).hasSize(2);
        assertThat(run.err).startsWith("gme-recording: Missing required option: '--biz-id=<bizId>'\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--endpoint|http://user:PASSWORD@127.0.0.1:8080",
        "--endpoint|http:user:PASSWORD@127.0.0.1:8080",
        "--endpoint|https://PASSWORD@gme.tencentcloudapi.com/path",
        "--shared-limit|redis:PASSWORD@127.0.0.1:6379",
        "--shared-limit|redis://:PASSWORD@127.0.0.1:6379/99",
        "--shared-limit|redis//:PASSWORD@127.0.0.1:6379"})
    void aPasswordInAUrlNeverReachesAMessage(String option, String value) {
        CliRun run = option.equals("--endpoint")
                ? run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912", option, value)
                : run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint",
                        emulator.endpoint(), option, value);

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("***").doesNotContain("PASSWORD");
        assertThat(run.out).doesNotContain("PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "sdk"})
    void httpsToAPlainHttpServerSaysSoRatherThanTimingOut(String adapter) {
        String https = emulator.endpoint().replace("http://", "https://");

        CliRun run = run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint",
                https, "--adapter", adapter, "--timeout", "0.5", "--max-attempts", "1", "--output", "json");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.out).contains("no TLS from " + https + "/: the server there answers plain http; use http://");
    }

    @Test
    void aDemoStepTooLongForTheClockIsNamedWithItsBound() {
        CliRun run = run("demo", "--step-millis", "9223372036854775807");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).startsWith("gme-recording: --step-millis must be between 1 and 3600000 (an hour), got "
                + "9223372036854775807\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--endpoint|http://127.0.0.1:99999|gme-recording: endpoint port must be 1..65535, got 99999",
        "--region|ap guangzhou|gme-recording: region must be a region id such as ap-guangzhou",
        "--max-attempts|0|gme-recording: --max-attempts must be between 1 and 20, got 0",
        "--timeout|NaN|gme-recording: --timeout must be between 0.001 (1 ms) and 3600 seconds, got NaN",
        "--timeout|0.0001|gme-recording: --timeout must be between 0.001 (1 ms) and 3600 seconds, got 1.0E-4"})
    void aBadSettingIsAConfigurationErrorBeforeAnyRequest(String option, String value, String firstLine) {
        String endpoint = option.equals("--endpoint") ? value : emulator.endpoint();
        CliRun run = option.equals("--endpoint")
                ? run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint", endpoint)
                : run("describe", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint", endpoint,
                        option, value);

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith(firstLine);
        assertThat(run.err).doesNotContain("\tat ");
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"--timeout,9223372037,9.223372037E9", "--interval,1e10,1.0E10", "--timeout,Infinity,Infinity",
        "--interval,-1,-1.0"})
    void durationsThatWouldOverflowAreAClearErrorNotAStackTrace(String option, String value, String shown) {
        CliRun run = run("watch", "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint",
                emulator.endpoint(), option, value);

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).startsWith("gme-recording: " + option + " must be more than 0 and at most ")
                .contains("seconds, got " + shown).doesNotContain("Exception");
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void controlCharactersFromTheServiceAreEscapedInTableAndVerboseOutput(boolean verbose) {
        String fixture = "{\"tasks\":[{\"BizId\":5,\"TaskId\":6,\"RoomId\":\"" + json(NASTY) + "\",\"RecordMode\":1,"
                + "\"RecordInfo\":[{\"UserId\":\"" + json(NASTY) + "\",\"FileName\":\"" + json(NASTY)
                + "\",\"RecordBeginTime\":1,\"RecordStatus\":2}]}]}";
        serve(fixture, "nasty");

        CliRun run = verbose
                ? run("describe", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint(), "--verbose")
                : run("describe", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertNoRawControls(run.out + run.err);
        assertThat(run.out).contains("a\\u001b[31mb\\u0007c\\u000dd\\u000ae\\u202ef");
        if (verbose) {
            assertThat(run.err).contains("RoomId=a\\u001b[31mb");
        }
    }

    @Test
    void bidiAndC1ControlsAreEscapedInJsonLinesWhichStayValidJson() throws Exception {
        String reordering = "room\u202e\u200f\u2066\u0085end";
        String fixture = "{\"tasks\":[{\"BizId\":5,\"TaskId\":6,\"RoomId\":\"" + json(reordering)
                + "\",\"RecordMode\":1,\"RecordInfo\":[{\"UserId\":\"u\",\"FileName\":\"" + json(reordering)
                + "\",\"RecordBeginTime\":1,\"RecordStatus\":14}]}]}";
        serve(fixture, "bidi");

        CliRun describe = run("describe", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint(),
                "--output", "json");
        CliRun watch = run("watch", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint(),
                "--output", "json");

        for (CliRun run : new CliRun[] {describe, watch}) {
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("room\\u202e\\u200f\\u2066\\u0085end")
                    .doesNotContain("\u202e").doesNotContain("\u200f").doesNotContain("\u2066")
                    .doesNotContain("\u0085");
            for (String line : run.out.split("\n")) {
                if (line.startsWith("{")) {
                    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).toString())
                            .as("valid JSON").isNotEmpty();
                }
            }
        }
        assertThat(describe.out).contains("\"roomId\":\"room\\u202e");
    }

    /** One task whose one recording has status 15, which this version does not know. */
    private static final String UNKNOWN_STATUS = "{\"tasks\":[{\"BizId\":5,\"TaskId\":6,\"RoomId\":\"r\","
            + "\"RecordMode\":1,\"RecordInfo\":[{\"UserId\":\"u\",\"FileName\":\"f\",\"RecordBeginTime\":1,"
            + "\"RecordStatus\":15}]}]}";

    @Test
    void aStatusThisVersionDoesNotKnowIsShownWithTheServicesCode() {
        serve(UNKNOWN_STATUS, "new status");

        CliRun table = run("watch", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint(),
                "--timeout", "30");
        CliRun json = run("watch", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint(),
                "--timeout", "30", "--output", "json");

        assertThat(table.out).contains("user u UNRECOGNIZED(15)");
        assertThat(json.out).contains("\"status\":\"UNRECOGNIZED\",\"statusCode\":15");
    }

    @Test
    void aStatusThisVersionDoesNotKnowKeepsTheLibrarysTenSecondsWhateverIntervalSays() {
        serve(UNKNOWN_STATUS, "new status");

        run("watch", "--biz-id", "5", "--task-id", "6", "--endpoint", emulator.endpoint(), "--interval", "2",
                "--timeout", "30");

        List<Long> arrivals = emulator.requestLog().entries().stream().map(entry -> entry.arrivedMillis())
                .collect(java.util.stream.Collectors.toList());
        assertThat(arrivals.get(1) - arrivals.get(0)).isEqualTo(10_000);
    }

    @Test
    void controlCharactersInAServerErrorAreEscapedAndErrorRowsLineUp() throws Exception {
        String answer = "{\"Response\":{\"Error\":{\"Code\":\"ResourceNotFound.TaskNotFound\",\"Message\":\""
                + json(NASTY) + "\"},\"RequestId\":\"" + json(NASTY) + "\"}}";
        try (GmeEmulator server = GmeEmulator.builder()
                .dispatcher(request -> Optional.of(Dispatcher.Answer.of(200, answer))).build()) {
            CliRun run = run("describe", "--biz-id", "5", "--task-id", "6", "--task-id", "7", "--endpoint",
                    server.endpoint(), "--verbose");

            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertNoRawControls(run.out + run.err);
            String[] lines = run.out.split("\n");
            int status = lines[0].indexOf("STATUS");
            int requestId = lines[0].indexOf("REQUEST ID");
            assertThat(lines).hasSize(3);
            for (int i = 1; i < lines.length; i++) {
                assertThat(lines[i].substring(status)).startsWith("ERROR ResourceNotFound.TaskNotFound");
                assertThat(lines[i].substring(requestId)).startsWith("a\\u001b[31mb");
            }
        }
    }

    /** The emulator again, serving only these fixtures. */
    private void serve(String fixture, String name) {
        emulator.close();
        emulator = GmeEmulator.builder().clock(time)
                .fixtures(Fixtures.parse(fixture.getBytes(StandardCharsets.UTF_8), name)).build();
    }

    private static void assertNoRawControls(String output) {
        for (char c : output.toCharArray()) {
            assertThat(c == '\n' || !Character.isISOControl(c) && c != '\u202e')
                    .as("raw U+%04X in %s", (int) c, output).isTrue();
        }
    }

    private static String json(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return escaped.toString();
    }
}
