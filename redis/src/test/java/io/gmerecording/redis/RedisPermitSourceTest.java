package io.gmerecording.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gmerecording.core.error.ClientLimitException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.testing.CapturedLog;
import io.gmerecording.testing.JumpingTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared budget, on fake time where it checks the budget exactly, and against what a production Redis does: loses
 * its keys, pauses ({@code kill -STOP}), is not up yet, holds another replica's budget size. The real-time tests
 * assert what was granted, never how long it took.
 */
class RedisPermitSourceTest {

    private static final Logger LETTUCE = Logger.getLogger("io.lettuce");
    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() {
        // Lettuce reports each reconnection attempt; the tests stop Redis on purpose and check our own messages
        LETTUCE.setLevel(Level.OFF);
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static RedisPermitSource.Builder source(LocalRedis server, String prefix, JumpingTime time) {
        return RedisPermitSource.builder(server.location(), "AKIDshared").keyPrefix(prefix).timeSource(time)
                .redisTimeout(Duration.ofMillis(300)).reconnectDelay(Duration.ofMillis(50));
    }

    private static String freshPrefix() {
        return "test-" + UUID.randomUUID();
    }

    /**
     * Creates the budget at {@code builder}'s rate and lets its first window pass (a new budget grants nothing for one
     * window, in case it replaces a lost one), leaving nothing of it in the window.
     */
    private static void createBudget(RedisPermitSource.Builder builder, JumpingTime time) {
        try (RedisPermitSource creator = builder.build()) {
            creator.acquire().release();
            time.advanceMillis(1100);
        }
    }

    private static void take(PermitSource source, JumpingTime time) {
        PermitSource.Permit permit = source.acquire();
        time.requestSent();
        permit.release();
    }

    @Test
    void threeReplicasShareOneBudgetOfTwentyPerSecond() {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        createBudget(source(redis, prefix, time), time);
        try (RedisPermitSource a = source(redis, prefix, time).build();
                RedisPermitSource b = source(redis, prefix, time).build();
                RedisPermitSource c = source(redis, prefix, time).build()) {
            long start = time.nanoTime();
            for (int i = 0; i < 20; i++) {
                take(a, time);
                take(b, time);
                take(c, time);
            }
            assertThat(time.mostRequestsInAnySecond()).isEqualTo(20);
            // 60 requests paced at (1 s + 50 ms) / 20: the 60th goes out 59 intervals after the first
            assertThat(Duration.ofNanos(time.nanoTime() - start)).isEqualTo(Duration.ofNanos(59 * 52_500_000L));
        }
    }

    @Test
    void otherAccountsAndPrefixesHaveBudgetsOfTheirOwn() {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        String otherPrefix1 = freshPrefix();
        createBudget(source(redis, prefix, time), time);
        createBudget(RedisPermitSource.builder(redis.location(), "AKIDother").keyPrefix(prefix).timeSource(time), time);
        createBudget(source(redis, otherPrefix1, time), time);
        try (RedisPermitSource account1 = source(redis, prefix, time).build();
                RedisPermitSource account2 = RedisPermitSource.builder(redis.location(), "AKIDother")
                        .keyPrefix(prefix).timeSource(time).build();
                RedisPermitSource otherPrefix = source(redis, otherPrefix1, time).build()) {
            long start = time.nanoTime();
            take(account1, time);
            take(account2, time);
            take(otherPrefix, time);
            assertThat(time.nanoTime()).isEqualTo(start);
            take(account1, time);
            assertThat(time.nanoTime() - start).isEqualTo(52_500_000L);
        }
    }

    @Test
    void aWaitLongerThanTheBoundIsRefusedAtOnceAndReservesNothing() {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        createBudget(source(redis, prefix, time), time);
        try (RedisPermitSource source = source(redis, prefix, time).maxWait(Duration.ofMillis(10)).build()) {
            take(source, time);
            long before = time.nanoTime();
            assertThatThrownBy(() -> source.acquire())
                    .isInstanceOfSatisfying(ClientLimitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED);
                        assertThat(e.getMessage()).contains("maxWait 10 ms").contains("redis://127.0.0.1:");
                    });
            assertThat(time.nanoTime()).isEqualTo(before);
            time.advanceMillis(53);
            take(source, time);
        }
    }

    @Test
    void failsClosedWithinTheWaitBoundWhileRedisIsDownAndResumesTheSharedBudgetWhenItIsBack() throws Exception {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        try (LocalRedis own = LocalRedis.start();
                RedisPermitSource a = source(own, prefix, time).maxWait(Duration.ofSeconds(5)).build();
                RedisPermitSource b = source(own, prefix, time).maxWait(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < 10; i++) {
                take(a, time);
                take(b, time);
            }
            own.stop();
            List<LogRecord> logged = CapturedLog.during(RedisPermitSource.class.getName(), () -> {
                for (int i = 0; i < 20; i++) {
                    RedisPermitSource caller = i % 2 == 0 ? a : b;
                    ClientLimitException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                            () -> catchRefusal(caller));
                    assertThat(refused.code()).isEqualTo(ErrorCodes.CLIENT_SHARED_LIMIT_UNAVAILABLE);
                    assertThat(refused.getMessage()).contains("failing closed").contains(own.location().toString());
                    time.advanceMillis(10);
                }
            });
            assertThat(a.isUnavailable()).isTrue();
            // one warning per source and outage, not one per refused request
            assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(2);
            own.restart();
            awaitShared(a, time);
            awaitShared(b, time);
            for (int i = 0; i < 20; i++) {
                take(a, time);
                take(b, time);
            }
            assertThat(a.isUnavailable()).isFalse();
            assertThat(time.mostRequestsInAnySecond()).isLessThanOrEqualTo(20);
            assertThat(time.requestCount()).isEqualTo(62);
        }
    }

    @Test
    void fallsBackToItsShareOfTheBudgetWhileRedisIsDown() throws Exception {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        try (LocalRedis own = LocalRedis.start();
                RedisPermitSource a = source(own, prefix, time).fallbackToLocalShare(2).build();
                RedisPermitSource b = source(own, prefix, time).fallbackToLocalShare(2).build()) {
            take(a, time);
            take(b, time);
            own.stop();
            List<LogRecord> logged = CapturedLog.during(RedisPermitSource.class.getName(), () -> {
                for (int i = 0; i < 40; i++) {
                    take(a, time);
                    take(b, time);
                }
            });
            assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING)
                    .extracting(LogRecord::getParameters)
                    .allSatisfy(parameters -> assertThat(parameters[2].toString())
                            .isEqualTo("limiting this process to 10.0 requests per second until it is back"));
            // each of the two replicas keeps to 20 / 2 per second, so together they keep to the budget
            assertThat(time.mostRequestsInAnySecond()).isLessThanOrEqualTo(20);
            assertThat(time.requestCount()).isEqualTo(82);
            own.restart();
            awaitShared(a, time);
            awaitShared(b, time);
            // back on the shared budget: the fallback's last requests entered the shared window, and together the
            // two replicas again get the whole budget of 20 a second
            time.forgetRequests();
            long resumed = time.nanoTime();
            for (int i = 0; i < 20; i++) {
                take(a, time);
                take(b, time);
            }
            assertThat(a.isUnavailable() || b.isUnavailable()).isFalse();
            assertThat(time.mostRequestsInAnySecond()).isEqualTo(20);
            assertThat(time.nanoTime() - resumed).isLessThanOrEqualTo(Duration.ofMillis(2100).toNanos());
        }
    }

    @Test
    void aRequestStillInFlightKeepsItsPlaceInTheWindowSoLateArrivalsCannotCrowdASecond() {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        createBudget(source(redis, prefix, time).requestsPerSecond(2), time);
        try (RedisPermitSource a = source(redis, prefix, time).requestsPerSecond(2).build();
                RedisPermitSource b = source(redis, prefix, time).requestsPerSecond(2).build()) {
            // the first request of a cold process: granted, but slow to reach the service and to finish
            long start = time.nanoTime();
            PermitSource.Permit slow = a.acquire();
            take(b, time);
            assertThat(time.nanoTime() - start).as("paced: (1 s + 50 ms) / 2").isEqualTo(525_000_000L);
            // pacing alone would let a third go at 1050 ms; with the slow one still in flight, the window holds two
            // places until the finished one is a window (1050 ms) old
            take(b, time);
            assertThat(time.nanoTime() - start).isEqualTo(525_000_000L + 1_050_000_000L);
            slow.release();
        }
    }

    @Test
    void aWindowWaitBeyondTheBoundIsRefusedNamingTheWindow() {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        createBudget(source(redis, prefix, time).requestsPerSecond(2), time);
        try (RedisPermitSource source = source(redis, prefix, time).requestsPerSecond(2)
                .maxWait(Duration.ofMillis(600)).build()) {
            PermitSource.Permit first = source.acquire();
            PermitSource.Permit second = source.acquire();
            assertThatThrownBy(source::acquire).isInstanceOfSatisfying(ClientLimitException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED);
                assertThat(e.getMessage()).endsWith("for its one-second window");
            });
            first.release();
            second.release();
        }
    }

    @Test
    void aSourceThatNeverReachedRedisFailsClosedAndConnectsOnceRedisIsThere() throws Exception {
        JumpingTime time = new JumpingTime();
        LocalRedis later = LocalRedis.start();
        later.stop();
        try (RedisPermitSource source = source(later, freshPrefix(), time).build()) {
            List<LogRecord> logged = CapturedLog.during(RedisPermitSource.class.getName(), () ->
                    assertThatThrownBy(source::acquire).isInstanceOfSatisfying(ClientLimitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCodes.CLIENT_SHARED_LIMIT_UNAVAILABLE)));
            assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(r.getParameters()[1].toString()).contains("refused"));
            later.restart();
            time.advanceMillis(100);
            take(source, time);
            assertThat(source.isUnavailable()).isFalse();
        } finally {
            later.close();
        }
    }

    @Test
    void aClosedSourceRefusesAndNamesNoSecretId() {
        RedisPermitSource source = source(redis, freshPrefix(), new JumpingTime()).build();
        source.close();
        assertThatThrownBy(source::acquire).isInstanceOfSatisfying(RecordingQueryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.CLIENT_CLOSED));
        assertThat(source.toString()).doesNotContain("AKIDshared").contains("fails closed");
    }

    @Test
    void badSettingsAreRefusedByName() {
        RedisPermitSource.Builder builder = RedisPermitSource.builder(redis.location(), "AKID");
        assertThatThrownBy(() -> builder.requestsPerSecond(0)).hasMessageContaining("requestsPerSecond");
        assertThatThrownBy(() -> builder.fallbackToLocalShare(0)).hasMessageContaining("replicas");
        assertThatThrownBy(() -> builder.keyPrefix(" ")).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> builder.maxWait(Duration.ofSeconds(-1))).hasMessageContaining("maxWait");
        assertThatThrownBy(() -> RedisPermitSource.builder(redis.location(), "")).hasMessageContaining("quotaKey");
        assertThatThrownBy(() -> RedisPermitSource.builder(redis.location(), "a}b")).hasMessageContaining("quotaKey")
                .hasMessageContaining("braces");
    }

    @Test
    void settingsRedisRefusesAreFoundAtStartNamingTheReasonWithoutThePassword() {
        try (LocalRedis guarded = LocalRedis.start("databases 4")) {
            guarded.command("CONFIG", "SET", "requirepass", "s3cret-pass");
            String at = "127.0.0.1:" + guarded.port();

            assertThat(refusal("redis://" + at)).startsWith("the shared rate limit at redis://" + at + "/0 cannot be "
                    + "used: authentication failed");
            assertThat(refusal("redis://:wrong-pass@" + at)).contains("authentication failed")
                    .doesNotContain("wrong-pass");
            assertThat(refusal("redis://:s3cret-pass@" + at + "/5")).contains("no such database")
                    .doesNotContain("s3cret-pass");
            assertThat(refusal("rediss://:s3cret-pass@" + at)).contains("TLS handshake failed")
                    .doesNotContain("s3cret-pass");
            try (RedisPermitSource right = RedisPermitSource.builder(RedisLocation.parse("redis://:s3cret-pass@" + at),
                    "AKID").redisTimeout(Duration.ofSeconds(2)).build()) {
                assertThat(right.checkSettings()).isTrue();
            }
        }
        try (RedisPermitSource away = RedisPermitSource.builder(RedisLocation.parse("redis://127.0.0.1:9"), "AKID")
                .build()) {
            assertThat(away.checkSettings()).as("a Redis that is down is no settings error").isFalse();
        }
    }

    private static String refusal(String location) {
        // a first connection of a cold JVM on a loaded machine can take seconds; a refusal must not pass for "away"
        try (RedisPermitSource source = RedisPermitSource.builder(RedisLocation.parse(location), "AKID")
                .redisTimeout(Duration.ofSeconds(10)).build()) {
            Throwable refused = catchThrowable(source::checkSettings);
            assertThat(refused).as(location).isInstanceOf(IllegalArgumentException.class);
            return refused.getMessage();
        }
    }

    @Test
    void flushingRedisMidRunNeverLetsMoreThanTheBudgetIntoAnySecond() {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        List<LogRecord> logged;
        try (RedisPermitSource a = role(redis, prefix).timeSource(time).build();
                RedisPermitSource b = role(redis, prefix).timeSource(time).build();
                RedisPermitSource c = role(redis, prefix).timeSource(time).build()) {
            RedisPermitSource[] replicas = {a, b, c};
            logged = captured(() -> {
                for (int i = 0; i < 180; i++) {
                    if (i % 10 == 5) {
                        redis.command("FLUSHALL"); // every half second or so, as in a failover storm
                    }
                    PermitSource.Permit permit = replicas[i % 3].acquire();
                    time.requestSent();
                    permit.release();
                }
            });
        }
        assertThat(time.requestCount()).isEqualTo(180);
        assertThat(time.mostRequestsInAnySecond()).isLessThanOrEqualTo(20);
        assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING)
                .anySatisfy(r -> assertThat(r.getMessage()).contains("was lost"));
    }

    @Test
    void aReplicaConfiguredWithAnotherRateFollowsTheStoredBudgetAndWarnsOnce() {
        JumpingTime time = new JumpingTime();
        String prefix = freshPrefix();
        try (RedisPermitSource twenty = role(redis, prefix).timeSource(time).requestsPerSecond(20).build();
                RedisPermitSource sixty = role(redis, prefix).timeSource(time).requestsPerSecond(60).build()) {
            twenty.acquire().release();
            List<LogRecord> logged = captured(() -> {
                for (int i = 0; i < 60; i++) {
                    PermitSource.Permit permit = (i % 2 == 0 ? sixty : twenty).acquire();
                    time.requestSent();
                    permit.release();
                }
            });
            assertThat(time.mostRequestsInAnySecond()).isLessThanOrEqualTo(20);
            assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(r.getParameters()[1]).isEqualTo(20.0));

            twenty.changeBudget(40);
            time.advanceMillis(2000);
            time.forgetRequests();
            for (int i = 0; i < 80; i++) {
                PermitSource.Permit permit = (i % 2 == 0 ? sixty : twenty).acquire();
                time.requestSent();
                permit.release();
            }
            assertThat(time.mostRequestsInAnySecond()).as("the changed budget, for both").isBetween(30, 40);
        }
    }

    @Test
    void aRedisThatMayEvictAnyKeyIsWarnedAbout() {
        try (LocalRedis own = LocalRedis.start()) {
            own.command("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            JumpingTime time = new JumpingTime();
            List<LogRecord> logged = captured(() -> {
                try (RedisPermitSource source = role(own, freshPrefix()).timeSource(time).build()) {
                    source.acquire().release();
                }
            });
            assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(r.getParameters()[1]).isEqualTo("allkeys-lru"));
        }
    }

    @Test
    void aFirstRequestWaitsForRedisToComeUpWithinItsWaitBound() throws Exception {
        try (LocalRedis later = LocalRedis.start()) {
            later.stop();
            try (RedisPermitSource source = role(later, freshPrefix()).maxWait(Duration.ofSeconds(20)).build()) {
                CompletableFuture<PermitSource.Permit> first = CompletableFuture.supplyAsync(source::acquire);
                Thread.sleep(700);
                assertThat(first).as("still waiting, not refused").isNotDone();
                later.restart();
                first.get(20, TimeUnit.SECONDS).release();
            }
        }
    }

    @Test
    void aPausedRedisLosesNoRequestAndHoldsNoPlaceForGrantsThatNeverReachedTheirCaller() throws Exception {
        try (LocalRedis paused = LocalRedis.start()) {
            String prefix = freshPrefix();
            ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failed = new ConcurrentLinkedQueue<>();
            ExecutorService callers = Executors.newFixedThreadPool(6);
            List<RedisPermitSource> replicas = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replicas.add(role(paused, prefix).maxWait(Duration.ofSeconds(20)).build());
            }
            long stopAt = System.nanoTime() + Duration.ofSeconds(9).toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RedisPermitSource replica = replicas.get(i % 3);
                running.add(callers.submit(() -> {
                    while (System.nanoTime() - stopAt < 0) {
                        try {
                            PermitSource.Permit permit = replica.acquire();
                            sent.add(System.nanoTime());
                            Thread.sleep(20); // the request in flight
                            permit.release();
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            failed.add(e);
                        }
                    }
                }));
            }
            Thread.sleep(2000);
            paused.pause();
            long pausedAt = System.nanoTime();
            Thread.sleep(3000);
            paused.resume();
            long resumedAt = System.nanoTime();
            for (Future<?> caller : running) {
                caller.get(30, TimeUnit.SECONDS);
            }
            callers.shutdown();
            replicas.forEach(RedisPermitSource::close);

            assertThat(failed).as("no caller refused: the pause was within the wait bound").isEmpty();
            long duringPause = sent.stream().filter(t -> t - pausedAt > 200_000_000L && t - resumedAt < 0).count();
            assertThat(duringPause).as("nothing granted while Redis was frozen").isZero();
            // from 2 s after Redis resumes, the scripts it ran late hold no place: the full budget flows again
            long from = resumedAt + Duration.ofSeconds(2).toNanos();
            long inTwoSeconds = sent.stream().filter(t -> t - from >= 0 && t - from < 2_000_000_000L).count();
            assertThat(inTwoSeconds).isGreaterThanOrEqualTo(34);
            assertThat(JumpingTime.mostInAnySecond(new ArrayList<>(sent))).isLessThanOrEqualTo(20);
        }
    }

    /** A source on the quota of a role, as replicas on CVM role credentials share it; real time unless told. */
    private static RedisPermitSource.Builder role(LocalRedis server, String prefix) {
        return RedisPermitSource.builder(server.location(), "cvm-role:game-backend").keyPrefix(prefix)
                .redisTimeout(Duration.ofMillis(300)).reconnectDelay(Duration.ofMillis(50));
    }

    private static List<LogRecord> captured(Runnable action) {
        try {
            return CapturedLog.during(RedisPermitSource.class.getName(), action::run);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClientLimitException catchRefusal(PermitSource source) {
        try {
            source.acquire().release();
        } catch (ClientLimitException refused) {
            return refused;
        }
        throw new AssertionError("the source granted a permit while Redis was down");
    }

    /** Lettuce reconnects on its own thread; asks until the source uses Redis again (bounded). */
    private static void awaitShared(RedisPermitSource source, JumpingTime time) throws InterruptedException {
        for (int attempt = 0; attempt < 200 && (source.isUnavailable() || attempt == 0); attempt++) {
            try {
                take(source, time);
            } catch (ClientLimitException stillDown) {
                // refused: fail closed
            }
            if (source.isUnavailable()) {
                Thread.sleep(25);
            }
        }
        assertThat(source.isUnavailable()).as("back on the shared budget").isFalse();
    }
}
