package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import io.gmerecording.testing.CapturedLog;
import io.gmerecording.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile or broken client never silences the emulator, and every request it reads gets an answer. */
class EmulatorUnderAttackTest {

    private static final long BIZ = 3400352518L;
    private static final long TASK = 446192236330927912L;

    @Test
    void stalledConnectionsDelayNobodyAndAreClosedAtTheDeadline() throws Exception {
        try (GmeEmulator emulator = GmeEmulator.builder().exchangeDeadline(Duration.ofSeconds(2)).build()) {
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
                String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + emulator.port() + "\r\n";
                // half stop inside the headers, half after ten bytes of a one-megabyte body
                socket.getOutputStream().write((i % 2 == 0 ? head
                        : head + "Content-Type: application/json; charset=utf-8\r\nContent-Length: 1048576\r\n\r\n"
                                + "{\"TaskId\":").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }

            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long started = System.nanoTime();
                String answer = SignedRequests.describe(emulator, BIZ, TASK);
                millis.add((System.nanoTime() - started) / 1_000_000);
                assertThat(answer).contains("\"RequestId\"");
            }
            Collections.sort(millis);
            System.out.println("100 signed requests beside 200 stalled connections: p50 " + millis.get(49)
                    + " ms, p99 " + millis.get(98) + " ms, max " + millis.get(99) + " ms");

            long closedBy = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            for (Socket socket : stalled) {
                socket.setSoTimeout((int) Math.max(1, (closedBy - System.nanoTime()) / 1_000_000));
                assertThat(closedByServer(socket)).as("a stalled connection is closed by the emulator").isTrue();
                socket.close();
            }
        }
    }

    @Test
    void aBodyDeclaredOverTheCapIsRefusedUnread() throws Exception {
        try (GmeEmulator emulator = GmeEmulator.builder().exchangeDeadline(Duration.ofSeconds(30)).build()) {
            String answer = raw(emulator, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 200").contains("RequestSizeLimitExceeded").contains("RequestId");
        }
    }

    @Test
    void methodPathAndAuthorizationAreCheckedBeforeTheBodyIsRead() throws Exception {
        try (GmeEmulator emulator = GmeEmulator.builder().exchangeDeadline(Duration.ofSeconds(30)).build()) {
            assertThat(raw(emulator, "GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"))
                    .contains("UnsupportedProtocol");
            assertThat(raw(emulator, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"))
                    .contains("AuthFailure.InvalidAuthorization");
        }
    }

    @Test
    void aTimestampFarInThePastIsASignatureExpireNotADroppedConnection() throws Exception {
        try (GmeEmulator emulator = GmeEmulator.builder().exchangeDeadline(Duration.ofSeconds(30)).build()) {
            long timestamp = Instant.now().getEpochSecond() + Long.MIN_VALUE; // now - 2^63
            String host = "127.0.0.1:" + emulator.port();
            byte[] body = ("{\"TaskId\":" + TASK + ",\"BizId\":" + BIZ + "}").getBytes(StandardCharsets.UTF_8);
            String authorization = Tc3Signer.create().authorization(AcceptedKey.DEMO.secretId(),
                    AcceptedKey.DEMO.secretKey(), Tc3Request.builder().service("gme").timestamp(0)
                            .contentType("application/json").host(host).payload(body).build());

            String answer = raw(emulator, "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "X-TC-Timestamp: " + timestamp + "\r\nAuthorization: " + authorization + "\r\nContent-Length: "
                    + body.length + "\r\n\r\n" + new String(body, StandardCharsets.UTF_8));

            assertThat(answer).startsWith("HTTP/1.1 200").contains("AuthFailure.SignatureExpire");
        }
    }

    @Test
    void aFailureInsideTheEmulatorIsAnInternalErrorWithARequestId() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (broken.get()) {
                    throw new IllegalStateException("the clock broke");
                }
                return Instant.now();
            }
        };
        try (GmeEmulator emulator = GmeEmulator.builder().clock(clock).build()) {
            broken.set(true);
            String[] answer = new String[1];

            // the warning is expected here: captured and checked, not printed
            List<LogRecord> logged = CapturedLog.during(GmeEmulator.class.getName(),
                    () -> answer[0] = SignedRequests.describe(emulator, BIZ, TASK));

            assertThat(answer[0]).contains("\"Code\":\"InternalError\"").contains("\"RequestId\"");
            assertThat(logged).anySatisfy(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getThrown()).hasMessage("the clock broke");
            });
        }
    }

    @Test
    void theRequestLogKeepsOnlyTheNewestEntries() throws Exception {
        try (GmeEmulator emulator = GmeEmulator.builder().requestLogCapacity(5).build()) {
            for (int i = 0; i < 8; i++) {
                SignedRequests.describe(emulator, BIZ, i % 2 == 0 ? TASK : 42); // a task that exists, one that does not
            }

            assertThat(emulator.requestLog().entries()).hasSize(5);
            assertThat(emulator.requestLog().entries().get(4).errorCode()).isEqualTo("ResourceNotFound.TaskNotFound");
        }
    }

    @Test
    void theRequestLogFileGetsEveryRequestAsItIsAnsweredBeyondWhatMemoryKeeps(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.tsv");
        try (GmeEmulator emulator = GmeEmulator.builder().requestLogCapacity(5).requestLogFile(file).build()) {
            for (int i = 0; i < 8; i++) {
                SignedRequests.describe(emulator, BIZ, i % 2 == 0 ? TASK : 42);
            }

            List<String> lines = Files.readAllLines(file); // while it still runs
            assertThat(lines).hasSize(8);
            assertThat(lines.get(0)).matches("[0-9]+\tAKID[A-Za-z0-9]+\t" + BIZ + "\t-");
            assertThat(lines.get(7)).endsWith("\t" + BIZ + "\tResourceNotFound.TaskNotFound");
        }
    }

    @Test
    void aRequestLogThatCannotBeWrittenFailsTheStartNamingTheFile(@TempDir Path dir) {
        Path file = dir.resolve("no-such-dir").resolve("requests.tsv");

        assertThatThrownBy(() -> GmeEmulator.builder().requestLogFile(file).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write the request log to " + file + ": its directory does not exist");
    }

    @Test
    void stalledConnectionsBeyondThePoolTakeNoThreadAndOthersAreStillServed() throws Exception {
        int pool = 4;
        // the deadline is short enough that the last stalled ones, which run once nothing waits any more (and so keep
        // the whole deadline), are closed within the read timeout below on a loaded machine too
        try (GmeEmulator emulator = GmeEmulator.builder().maxConnections(pool)
                .exchangeDeadline(Duration.ofSeconds(5)).build()) {
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
                socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + emulator.port() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }

            String answer = null;
            for (int attempt = 0; attempt < 100 && answer == null; attempt++) {
                try {
                    answer = SignedRequests.describe(emulator, BIZ, TASK);
                } catch (IOException refusedWhileFull) {
                    Thread.sleep(100); // a real client's retry: the server closed the connection while full
                }
            }
            long exchangeThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("gme-emulator")).count();

            assertThat(answer).as("a client is served beside 40 stalled ones").contains("\"RequestId\"");
            assertThat(exchangeThreads).as("threads serving exchanges").isLessThanOrEqualTo(pool);
            for (Socket socket : stalled) {
                socket.setSoTimeout(15_000);
                assertThat(closedByServer(socket)).as("a stalled connection is closed").isTrue();
                socket.close();
            }
        }
    }

    @Test
    void rateWindowsOfAppsThatWentQuietAreEvicted() throws Exception {
        String tasks = "{\"tasks\":[" + task(1) + "," + task(2) + "," + task(3) + "]}";
        MutableClock clock = new MutableClock(Instant.now());
        try (GmeEmulator emulator = GmeEmulator.builder().clock(clock).rateLimitScope(RateLimitScope.BIZ_ID)
                .fixtures(Fixtures.parse(tasks.getBytes(StandardCharsets.UTF_8), "three apps")).build()) {
            for (long app = 1; app <= 3; app++) {
                assertThat(SignedRequests.describe(emulator, app, 7)).contains("\"RoomId\"");
            }
            assertThat(emulator.rateWindows()).isEqualTo(3);

            clock.advance(Duration.ofSeconds(2));
            SignedRequests.describe(emulator, 1, 7);

            assertThat(emulator.rateWindows()).isEqualTo(1);
        }
    }

    private static String task(long bizId) {
        return "{\"BizId\":" + bizId + ",\"TaskId\":7,\"RoomId\":\"r\",\"RecordMode\":1}";
    }

    /** Sends bytes as they are and reads the answer to the end (the emulator closes after these requests). */
    private static String raw(GmeEmulator emulator, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            while (!answer.toString().contains("RequestId")) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }

    /** Whether the server closed the connection (end of stream or reset) before the socket's read timeout. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
