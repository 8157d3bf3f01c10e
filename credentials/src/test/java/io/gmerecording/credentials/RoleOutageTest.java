package io.gmerecording.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.testing.CapturedLog;
import io.gmerecording.testing.JumpingTime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CVM role's metadata service going away, answering expired credentials or an endless body: the chain keeps
 * what is valid, never hands out what has expired, asks again with backoff, and a tracker loses no task.
 */
class RoleOutageTest {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final JumpingTime time = new JumpingTime();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger asked = new AtomicInteger();
    private volatile Instant awayFrom = Instant.MAX;
    private volatile Instant awayUntil = Instant.MAX;
    private volatile boolean expiredAnswers;
    private volatile boolean endlessBody;
    private HttpServer metadata;

    /** A metadata stand-in on loopback: a new temporary SecretId at each answer, as the real service hands out. */
    private CredentialsChain chain() throws IOException {
        metadata = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metadata.createContext("/", this::answer);
        metadata.start();
        String endpoint = "http://127.0.0.1:" + metadata.getAddress().getPort();
        return CredentialsChain.of(CvmRoleCredentials.from(Map.of(CvmRoleCredentials.ENDPOINT_VARIABLE, endpoint)))
                .withClock(time);
    }

    private void answer(HttpExchange exchange) throws IOException {
        asked.incrementAndGet();
        Instant now = time.instant();
        if (!now.isBefore(awayFrom) && now.isBefore(awayUntil)) {
            exchange.close(); // no answer: the connection ends before a status line
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals(CvmRoleCredentials.PATH)) {
            send(exchange, "game-backend");
            return;
        }
        if (endlessBody) {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) { // 800 MB unless the client stops reading
                    out.write(chunk);
                }
            } catch (IOException clientStopped) {
                return;
            }
            return;
        }
        int serial = served.incrementAndGet();
        Instant expiry = expiredAnswers ? now.minusSeconds(30) : now.plus(LIFETIME);
        send(exchange, "{\"TmpSecretId\":\"AKIDtmp" + serial + "\",\"TmpSecretKey\":\"key" + serial
                + "\",\"Token\":\"token" + serial + "\",\"ExpiredTime\":" + expiry.getEpochSecond()
                + ",\"Code\":\"Success\"}");
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        if (metadata != null) {
            metadata.stop(0);
        }
    }

    /** A service whose tasks are all NOTIFIED from {@code doneAt}; every describe signs with the chain's credentials. */
    private static RecordingQuery signingWith(CredentialsChain chain, JumpingTime time, Instant doneAt) {
        return task -> {
            Credentials credentials = chain.resolve();
            assertThat(credentials.secretId()).startsWith("AKIDtmp");
            long status = time.instant().isBefore(doneAt) ? 2 : 14;
            return RecordingTask.of(task, "room", 1, Collections.singletonList(
                    Recording.of("user", "file.mp3", Instant.EPOCH, status)), "req");
        };
    }

    @Test
    void aMetadataOutageLongerThanTheCredentialsLifetimeEndsNoTrackedTask() throws Exception {
        CredentialsChain chain = chain();
        Instant start = time.instant();
        awayFrom = start.plus(Duration.ofMinutes(1));
        awayUntil = start.plus(Duration.ofMinutes(40)); // four lifetimes
        Instant doneAt = start.plus(Duration.ofMinutes(30));
        List<TaskEnd> ends = new CopyOnWriteArrayList<>();
        CountDownLatch allEnded = new CountDownLatch(100);
        Map<Instant, Integer> askedDuringOutage = new ConcurrentHashMap<>();

        List<LogRecord> logged = CapturedLog.during(CredentialsChain.class.getName(), () -> {
            try (RecordingTracker tracker = RecordingTracker.over(signingWith(chain, time, doneAt)).timeSource(time)
                    .concurrency(1).listener(new TrackerListener() {
                        @Override
                        public void onEnd(TaskEnd end) {
                            if (time.instant().isBefore(awayUntil)) {
                                askedDuringOutage.put(time.instant(), asked.get());
                            }
                            ends.add(end);
                            allEnded.countDown();
                        }
                    }).build()) {
                for (int i = 1; i <= 100; i++) {
                    tracker.track(TaskRef.of(1400000000L, i), RecordStatus.NOTIFIED);
                }
                tracker.start();
                assertThat(allEnded.await(60, TimeUnit.SECONDS)).as("every task ended").isTrue();
            }
        });

        assertThat(ends).hasSize(100).allSatisfy(end -> assertThat(end.outcome()).isEqualTo(TaskEnd.Outcome.REACHED));
        assertThat(time.instant()).as("the tasks reached their target after the outage").isAfter(awayUntil);
        assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING).as("one warning per outage").hasSize(1);
        assertThat(logged).filteredOn(r -> r.getLevel() == Level.INFO).as("and one when it ends").hasSize(1);
        // backoff: 39 minutes of outage cost a bounded number of metadata requests, not two per describe
        assertThat(asked.get()).isLessThan(400);
    }

    @Test
    void credentialsThatHadExpiredWhenTheyCameAreNeverUsedAndAskedForAgainOnlyWithBackoff() throws Exception {
        CredentialsChain chain = chain();
        expiredAnswers = true;

        for (int i = 0; i < 50; i++) {
            CredentialsException error = catchThrowableOfType(CredentialsException.class, chain::resolve);
            assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CREDENTIALS_UNAVAILABLE);
            assertThat(error.isRetryable()).isTrue();
            assertThat(error.detail()).contains("expired at " + time.instant().minusSeconds(30))
                    .doesNotContain("key1").doesNotContain("token1");
        }
        assertThat(asked).as("one role name and one credentials request for 50 callers").hasValue(2);

        time.advanceMillis(Duration.ofSeconds(CredentialsChain.MAX_BACKOFF_SECONDS).toMillis());
        expiredAnswers = false;
        assertThat(chain.resolve().secretId()).isEqualTo("AKIDtmp2");
    }

    @Test
    void anEndlessAnswerIsCutAtTheCapWithoutReadingItWhole() throws Exception {
        CredentialsChain chain = chain();
        endlessBody = true;

        CredentialsException error = catchThrowableOfType(CredentialsException.class, chain::resolve);

        assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CREDENTIALS_MALFORMED);
        assertThat(error.detail()).contains("more than 64 KiB");
    }

    @Test
    void replicasWithDifferentTemporarySecretIdsShareTheRolesQuotaKey() throws Exception {
        CredentialsChain first = chain();
        String endpoint = "http://127.0.0.1:" + metadata.getAddress().getPort();
        CredentialsChain second = CredentialsChain.of(CvmRoleCredentials.from(
                Map.of(CvmRoleCredentials.ENDPOINT_VARIABLE, endpoint))).withClock(time);

        assertThat(first.resolve().secretId()).isNotEqualTo(second.resolve().secretId());
        assertThat(first.quotaKey()).isEqualTo(second.quotaKey()).isEqualTo("cvm-role:game-backend");
        time.advanceMillis(LIFETIME.toMillis());
        assertThat(first.quotaKey()).as("unchanged by a refresh").isEqualTo("cvm-role:game-backend");
        assertThat(CredentialsChain.of(EnvironmentCredentials.of(Map.of("TENCENTCLOUD_SECRET_ID", "AKIDlongterm",
                "TENCENTCLOUD_SECRET_KEY", "secret"))).quotaKey()).as("a long-term key: its SecretId")
                .isEqualTo("AKIDlongterm");
    }
}
