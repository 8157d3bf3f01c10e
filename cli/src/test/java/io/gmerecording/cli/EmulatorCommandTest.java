package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.TimeSource;
import io.gmerecording.http.HttpTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorCommandTest {

    @TempDir
    Path home;

    @Test
    void aPortInUseIsAClearFailureNotAStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            CliEnvironment environment = new CliEnvironment(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    Collections.emptyMap(), home, TimeSource.system(), Clock.systemUTC(), Interrupts.NONE);

            int exit = GmeRecordingCli.run(new String[] {"emulator", "--port",
                Integer.toString(taken.getLocalPort())}, environment);

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("cannot start the emulator on port " + taken.getLocalPort())
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void badFixturesAreAUsageErrorNamingTheFile() {
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new PrintWriter(new StringWriter()), new PrintWriter(err),
                Collections.emptyMap(), home, TimeSource.system(), Clock.systemUTC(), Interrupts.NONE);

        int exit = GmeRecordingCli.run(new String[] {"emulator", "--port", "0", "--fixtures",
            home.resolve("missing.json").toString()}, environment);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("missing.json").doesNotContain("\tat ");
    }

    @Test
    void aRequestLogOrKeystoreThatCannotBeUsedIsAUsageErrorBeforeListening() throws Exception {
        Path log = home.resolve("no-such-dir").resolve("requests.tsv");
        Path keystore = java.nio.file.Files.writeString(home.resolve("garbage.p12"), "no keystore");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new PrintWriter(out), new PrintWriter(err),
                Collections.emptyMap(), home, TimeSource.system(), Clock.systemUTC(), Interrupts.NONE);

        int badLog = GmeRecordingCli.run(new String[] {"emulator", "--port", "0", "--request-log", log.toString()},
                environment);
        Path password = java.nio.file.Files.writeString(home.resolve("keystore-password"), "x\n");
        int badKeystore = GmeRecordingCli.run(new String[] {"emulator", "--port", "0", "--tls", "--keystore",
            keystore.toString(), "--keystore-password-file", password.toString()}, environment);
        int noPasswordFile = GmeRecordingCli.run(new String[] {"emulator", "--port", "0", "--tls", "--keystore",
            keystore.toString(), "--keystore-password-file", home.resolve("absent").toString()}, environment);
        int passwordWithoutKeystore = GmeRecordingCli.run(new String[] {"emulator", "--port", "0", "--tls",
            "--keystore-password-file", password.toString()}, environment);

        assertThat(badLog).isEqualTo(2);
        assertThat(badKeystore).isEqualTo(2);
        assertThat(noPasswordFile).isEqualTo(2);
        assertThat(passwordWithoutKeystore).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read --keystore-password-file " + home.resolve("absent"))
                .contains("--keystore-password-file needs --keystore");
        assertThat(err.toString()).contains("cannot write the request log to " + log + ": its directory does not exist")
                .contains("cannot use the keystore " + keystore + ": it is not a PKCS12 keystore")
                .doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("listening on");
    }

    @Test
    void manyTasksAreOneLineAndTheRequestLogIsWrittenAsRequestsArrive() throws Exception {
        StringBuilder tasks = new StringBuilder("{\"tasks\":[");
        for (int i = 1; i <= 500; i++) {
            tasks.append(i == 1 ? "" : ",").append("{\"BizId\":").append(1 + i % 2).append(",\"TaskId\":").append(i)
                    .append(",\"RoomId\":\"r\",\"RecordMode\":1}");
        }
        Path fixtures = java.nio.file.Files.writeString(home.resolve("many.json"), tasks.append("]}"));
        Path log = home.resolve("requests.tsv");
        RunningEmulator running = new RunningEmulator("--fixtures", fixtures.toString(), "--request-log",
                log.toString());

        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String line = running.out.readLine(); !line.equals("press Ctrl-C to stop"); line = running.out.readLine()) {
            lines.add(line);
        }
        String endpoint = lines.get(0).substring("listening on ".length());
        assertThat(lines.get(lines.size() - 1)).startsWith("console: " + endpoint + "/ ");
        try (HttpTransport query = HttpTransport.builder().endpoint(endpoint)
                .credentials(Credentials.of(io.gmerecording.emulator.AcceptedKey.DEMO.secretId(),
                        io.gmerecording.emulator.AcceptedKey.DEMO.secretKey())).build()) {
            query.describe(TaskRef.of(2, 1));
        }
        java.util.List<String> logged = java.nio.file.Files.readAllLines(log);
        running.stop();

        assertThat(lines).filteredOn(line -> line.startsWith("serving"))
                .containsExactly("serving 500 tasks of 2 apps (the first: BizId 2 TaskId 1)");
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).endsWith("\t2\t-");
        assertThat(running.exit).hasValue(0);
    }

    @Test
    void servesTheSeedTaskWithTheGivenKeyOnAFreePortUntilStopped() throws Exception {
        java.nio.file.Path keyFile = java.nio.file.Files.createTempFile("emulator-key", ".txt");
        java.nio.file.Files.writeString(keyFile, "my-key\n");
        RunningEmulator running = new RunningEmulator("--secret-id", "AKIDmine", "--secret-key-file",
                keyFile.toString());

        String listening = running.out.readLine();
        String credentials = running.out.readLine();
        Matcher endpoint = Pattern.compile("listening on (http://127\\.0\\.0\\.1:[0-9]+)").matcher(listening);
        assertThat(endpoint.matches()).as(listening).isTrue();
        assertThat(credentials).as("the user's key is not printed").isEqualTo("accepted credentials: "
                + "TENCENTCLOUD_SECRET_ID=AKIDmine TENCENTCLOUD_SECRET_KEY=<the key in " + keyFile + ">");
        String roomId = HttpTransport.builder().endpoint(endpoint.group(1))
                .credentials(Credentials.of("AKIDmine", "my-key")).build()
                .describe(TaskRef.of(3400352518L, 446192236330927912L)).roomId();
        running.stop();

        assertThat(roomId).isEqualTo("7743");
        assertThat(running.exit).hasValue(0);
        java.nio.file.Files.delete(keyFile);
    }

    @Test
    void withTlsItPrintsItsCertificateWhichDescribeTrustsThroughTrustCert() throws Exception {
        RunningEmulator running = new RunningEmulator("--tls");

        Matcher endpoint = Pattern.compile("listening on (https://127\\.0\\.0\\.1:[0-9]+)")
                .matcher(running.out.readLine());
        assertThat(endpoint.matches()).isTrue();
        Matcher certificate = Pattern.compile("certificate \\(trust it with --trust-cert\\): (.+)")
                .matcher(running.out.readLine());
        assertThat(certificate.matches()).isTrue();
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("TENCENTCLOUD_SECRET_ID", io.gmerecording.emulator.AcceptedKey.DEMO.secretId());
        env.put("TENCENTCLOUD_SECRET_KEY", io.gmerecording.emulator.AcceptedKey.DEMO.secretKey());
        env.put("GME_RECORDING_METADATA_ENDPOINT", AgainstTheEmulator.NO_METADATA);
        CliRun trusting = CliRun.run(env, home, new FakeTime(), "describe", "--biz-id", "3400352518",
                "--task-id", "446192236330927912", "--endpoint", endpoint.group(1), "--trust-cert",
                certificate.group(1), "--output", "json");
        CliRun trustingSdk = CliRun.run(env, home, new FakeTime(), "describe", "--biz-id", "3400352518",
                "--task-id", "446192236330927912", "--endpoint", endpoint.group(1), "--trust-cert",
                certificate.group(1), "--output", "json", "--adapter", "sdk");
        CliRun untrusting = CliRun.run(env, home, new FakeTime(), "describe", "--biz-id", "3400352518",
                "--task-id", "446192236330927912", "--endpoint", endpoint.group(1), "--output", "json",
                "--max-attempts", "1");
        running.stop();

        assertThat(trusting.exitCode).as(trusting.toString()).isZero();
        assertThat(trusting.out).contains("\"roomId\":\"7743\"");
        assertThat(trustingSdk.exitCode).as(trustingSdk.toString()).isZero();
        assertThat(untrusting.exitCode).isEqualTo(1);
        assertThat(untrusting.out).contains("Transport.");
        assertThat(running.exit).hasValue(0);
    }

    /** {@code gme-recording emulator --port 0 ARGS} on a thread of its own, its standard output readable by line. */
    private final class RunningEmulator {
        final BufferedReader out;
        final AtomicInteger exit = new AtomicInteger(-1);
        private final ManualInterrupts interrupts = new ManualInterrupts();
        private final Thread server;

        RunningEmulator(String... args) throws IOException {
            PipedWriter pipe = new PipedWriter();
            out = new BufferedReader(new PipedReader(pipe, 65536));
            CliEnvironment environment = new CliEnvironment(new PrintWriter(pipe, true),
                    new PrintWriter(new StringWriter()), Collections.emptyMap(), home, TimeSource.system(),
                    Clock.systemUTC(), interrupts);
            String[] command = new String[args.length + 3];
            command[0] = "emulator";
            command[1] = "--port";
            command[2] = "0";
            System.arraycopy(args, 0, command, 3, args.length);
            server = new Thread(() -> exit.set(GmeRecordingCli.run(command, environment)));
            server.start();
        }

        void stop() throws InterruptedException {
            interrupts.fire();
            server.join(10_000);
        }
    }
}
