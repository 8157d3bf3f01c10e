package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.callbacks.CallbackSignature;
import io.gmerecording.core.policy.TimeSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callbacks} receives and prints what {@code emulator --callback-url} sends; {@code watch --callbacks} ends a
 * task on its upload event. Keys only ever in files, never printed.
 */
class CallbacksCommandTest {

    private static final String APP_KEY = "cli-app-permission-key";
    private static final String SAMPLE = "{\"BizID\":1400000000,\"RoomID\":\"100\",\"UserID\":\"999\","
            + "\"TaskID\":446946705284000000,\"RecordMode\":1,\"Timestamp\":1675930605,\"EventType\":3,"
            + "\"Detail\":{\"SeqNo\":0,\"FileName\":\"f.mp3\"}}";

    @TempDir
    Path home;

    @Test
    void printsEachVerifiedEventAsAJsonLineAndNamesARefusalOnStderr() throws Exception {
        Path keyFile = Files.writeString(home.resolve("app.key"), APP_KEY + "\n");
        Running callbacks = new Running("callbacks", "--port", "0", "--app-key-file", keyFile.toString());
        String url = callbacks.out.readLine().replaceFirst("receiving callbacks on (\\S+) .*", "$1");
        HttpClient client = HttpClient.newHttpClient();

        int taken = post(client, url, SAMPLE, CallbackSignature.sign(APP_KEY.getBytes(StandardCharsets.UTF_8),
                SAMPLE.getBytes(StandardCharsets.UTF_8)));
        String line = callbacks.out.readLine();
        int refused = post(client, url, SAMPLE, "0".repeat(40));
        callbacks.stop();

        assertThat(taken).isEqualTo(200);
        assertThat(line).startsWith("{\"event\":\"UPLOADED\",\"eventType\":3,\"bizId\":1400000000,"
                + "\"taskId\":446946705284000000,\"roomId\":\"100\",\"userId\":\"999\",\"recordMode\":\"MIXED_STREAM\"")
                .endsWith("\"duplicate\":false}");
        assertThat(refused).isEqualTo(401);
        assertThat(callbacks.err.toString()).contains("refused (BAD_SIGNATURE, answered 401)")
                .doesNotContain(APP_KEY).doesNotContain("0".repeat(40));
        assertThat(callbacks.exit).hasValue(0);
    }

    @Test
    void theEmulatorsCallbacksReachTheCallbacksCommand() throws Exception {
        Path keyFile = Files.writeString(home.resolve("app.key"), APP_KEY);
        Running callbacks = new Running("callbacks", "--port", "0", "--app-key-file", keyFile.toString());
        String url = callbacks.out.readLine().replaceFirst("receiving callbacks on (\\S+) .*", "$1");
        Running emulator = new Running("emulator", "--port", "0", "--callback-url", url, "--app-key-file",
                keyFile.toString());
        String endpoint = emulator.out.readLine().substring("listening on ".length());
        while (!"press Ctrl-C to stop".equals(emulator.out.readLine())) {
            // the start-up lines, kept for the assertion below
        }
        HttpClient client = HttpClient.newHttpClient();

        int joined = client.send(HttpRequest.newBuilder(URI.create(endpoint
                + "/emulator/rooms/1400000001/400/users/7/join")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        CliRun started = CliRun.run(demoKey(), home, new FakeTime(), "start", "--biz-id", "1400000001", "--room-id",
                "400", "--mode", "single", "--endpoint", endpoint, "--output", "json");
        String event = callbacks.out.readLine();
        emulator.stop();
        callbacks.stop();

        assertThat(joined).isEqualTo(200);
        assertThat(started.exitCode).as(started.toString()).isZero();
        assertThat(event).contains("\"event\":\"RECORDING_STARTED\"").contains("\"roomId\":\"400\"")
                .contains("\"userId\":\"7\"").contains("\"recordMode\":\"SINGLE_STREAM\"");
        assertThat(emulator.outText()).contains("calling back to " + url).doesNotContain(APP_KEY);
    }

    @Test
    void withoutAUsableKeyFileEachCommandIsAUsageErrorNamingTheOption() throws Exception {
        Path empty = Files.writeString(home.resolve("empty.key"), "  \n");

        CliRun noKey = CliRun.run(Map.of(), home, new FakeTime(), "callbacks", "--port", "0");
        CliRun emptyKey = CliRun.run(Map.of(), home, new FakeTime(), "callbacks", "--app-key-file", empty.toString());
        CliRun urlWithoutKey = CliRun.run(Map.of(), home, new FakeTime(), "emulator", "--port", "0",
                "--callback-url", "http://127.0.0.1:9/x");
        CliRun watchWithoutKey = CliRun.run(demoKey(), home, new FakeTime(), "watch", "--biz-id", "1",
                "--task-id", "2", "--callbacks", "0");
        CliRun badUrl = CliRun.run(Map.of(), home, new FakeTime(), "emulator", "--port", "0", "--callback-url",
                "ftp://host/x", "--app-key-file", home.resolve("app.key").toString());

        assertThat(noKey.exitCode).isEqualTo(2);
        assertThat(noKey.err).contains("--app-key-file");
        assertThat(emptyKey.exitCode).isEqualTo(2);
        assertThat(emptyKey.err).contains("--app-key-file " + empty + " is empty").doesNotContain("\tat ");
        assertThat(urlWithoutKey.exitCode).isEqualTo(2);
        assertThat(urlWithoutKey.err).contains("--callback-url needs --app-key-file");
        assertThat(watchWithoutKey.exitCode).isEqualTo(2);
        assertThat(watchWithoutKey.err).contains("--callbacks and --app-key-file go together");
        assertThat(badUrl.exitCode).isEqualTo(2);
    }

    @Test
    void watchWithCallbacksEndsATaskOnItsUploadEventLongBeforeItsReconciliation() throws Exception {
        Path keyFile = Files.writeString(home.resolve("app.key"), APP_KEY);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // the emulator must know watch's port at start, so it is chosen here
        }
        Running emulator = new Running("emulator", "--port", "0", "--step-millis", "100", "--callback-url",
                "http://127.0.0.1:" + port + "/", "--app-key-file", keyFile.toString());
        String endpoint = emulator.out.readLine().substring("listening on ".length());
        HttpClient client = HttpClient.newHttpClient();
        client.send(HttpRequest.newBuilder(URI.create(endpoint + "/emulator/rooms/1400000001/500/users/7/join"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        CliRun started = CliRun.run(demoKey(), home, new FakeTime(), "start", "--biz-id", "1400000001", "--room-id",
                "500", "--mode", "single", "--endpoint", endpoint, "--output", "json");
        String taskId = started.out.replaceFirst("(?s).*\"taskId\":([0-9]+).*", "$1");
        Running watch = new Running(demoKey(), "watch", "--biz-id", "1400000001", "--task-id", taskId,
                "--callbacks", Integer.toString(port), "--app-key-file", keyFile.toString(), "--interval", "3600",
                "--reconciliation", "3600", "--timeout", "60", "--endpoint", endpoint, "--output", "json");
        String first = watch.out.readLine();
        CliRun stopped = CliRun.run(demoKey(), home, new FakeTime(), "stop", "--biz-id", "1400000001", "--task-id",
                taskId, "--endpoint", endpoint);
        StringBuilder rest = new StringBuilder();
        for (String line = watch.out.readLine(); line != null; line = watch.out.readLine()) {
            rest.append(line).append('\n');
        }
        watch.join();
        emulator.stop();

        assertThat(stopped.exitCode).as(stopped.toString()).isZero();
        assertThat(first).contains("RECORDING");
        assertThat(rest.toString()).contains("NOTIFIED");
        assertThat(watch.exit).as(watch.err.toString()).hasValue(0);
        assertThat(watch.err.toString()).contains("receiving callbacks on http://127.0.0.1:" + port + "/");
    }

    private static int post(HttpClient client, String url, String body, String signature) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static Map<String, String> demoKey() {
        return Map.of("TENCENTCLOUD_SECRET_ID", io.gmerecording.emulator.AcceptedKey.DEMO.secretId(),
                "TENCENTCLOUD_SECRET_KEY", io.gmerecording.emulator.AcceptedKey.DEMO.secretKey(),
                "GME_RECORDING_METADATA_ENDPOINT", AgainstTheEmulator.NO_METADATA);
    }

    /**
     * A command on a thread of its own, its standard output readable by line (from whichever thread writes it), its
     * standard error kept.
     */
    private final class Running {
        final Lines out = new Lines();
        final java.io.StringWriter err = new java.io.StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        private final ManualInterrupts interrupts = new ManualInterrupts();
        private final Thread thread;

        Running(String... args) {
            this(Collections.emptyMap(), args);
        }

        Running(Map<String, String> variables, String... args) {
            CliEnvironment environment = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true),
                    variables, home, TimeSource.system(), Clock.systemUTC(), interrupts);
            thread = new Thread(() -> {
                exit.set(GmeRecordingCli.run(args, environment));
                out.end();
            });
            thread.start();
        }

        /** The lines read so far, and those up to "press Ctrl-C to stop" when the command prints it. */
        String outText() throws InterruptedException {
            return String.join("\n", out.seen);
        }

        void stop() throws InterruptedException {
            interrupts.fire();
            join();
        }

        void join() throws InterruptedException {
            thread.join(30_000);
        }
    }

    /** Standard output as lines, read with a bound on the wait; null once the command ended. */
    private static final class Lines extends java.io.Writer {
        private static final String END = new String("end");
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public synchronized void write(char[] text, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (text[i] == '\n') {
                    lines.add(partial.toString());
                    partial.setLength(0);
                } else {
                    partial.append(text[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        void end() {
            lines.add(END);
        }

        String readLine() throws InterruptedException {
            String line = lines.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no line within 30 s; read so far: " + seen);
            }
            if (line == END) {
                lines.add(END);
                return null;
            }
            seen.add(line);
            return line;
        }
    }
}
