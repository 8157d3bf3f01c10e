package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ClientLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeTime time = new FakeTime();

    @Test
    void withMaxWaitZeroACallerThatMayGoNowIsNeverRefusedOnTheRealClock() {
        RateLimiter limiter = RateLimiter.perSecond(0.001).maxWait(Duration.ZERO).build();
        limiter.acquire().release();
        assertThatThrownBy(limiter::acquire).isInstanceOf(ClientLimitException.class);
    }

    @Test
    void pacesRequestsOneIntervalApart() {
        RateLimiter limiter = RateLimiter.perSecond(20).timeSource(time).build();

        for (int i = 0; i < 4; i++) {
            limiter.acquire().release();
        }

        assertThat(limiter.interval()).isEqualTo(Duration.ofMillis(50));
        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ofMillis(50));
    }

    @Test
    void neverAdmitsMoreThanTheRateInAnyWindow() {
        RateLimiter limiter = RateLimiter.perSecond(20).timeSource(time).build();
        List<Long> admitted = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            limiter.acquire().release();
            admitted.add(time.nanoTime());
        }

        for (int i = 20; i < admitted.size(); i++) {
            assertThat(admitted.get(i) - admitted.get(i - 20)).isGreaterThanOrEqualTo(1_000_000_000L);
        }
        double achieved = 99 / ((admitted.get(99) - admitted.get(0)) / 1e9);
        assertThat(achieved).isBetween(19.9, 20.0);
    }

    @Test
    void aRequestStartsOnlyAWindowAfterTheOneNPlacesBackFinished() {
        RateLimiter limiter = RateLimiter.perSecond(20).timeSource(time).build();
        java.util.Random random = new java.util.Random(7);
        List<Long> starts = new ArrayList<>();
        List<Long> finishes = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            RateLimiter.Permit permit = limiter.acquire();
            starts.add(time.nanoTime());
            // the request takes 0..400 ms on its way (a slow connection, a pause)
            time.advance(Duration.ofMillis(random.nextInt(400)));
            permit.release();
            finishes.add(time.nanoTime());
        }

        for (int i = 20; i < starts.size(); i++) {
            assertThat(starts.get(i)).as("request %d", i)
                    .isGreaterThanOrEqualTo(finishes.get(i - 20) + 1_002_000_000L);
        }
    }

    @Test
    void requestsStillInFlightHoldTheWindowUntilMaxWait() {
        RateLimiter limiter = RateLimiter.perSecond(20).maxWait(Duration.ofSeconds(3)).timeSource(time).build();
        List<RateLimiter.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(limiter.acquire());
        }

        assertThatThrownBy(limiter::acquire).isInstanceOf(ClientLimitException.class)
                .hasMessageContaining(RateLimiter.WAIT_EXCEEDED);

        inFlight.get(0).release();
        long releasedAt = time.nanoTime();
        limiter.acquire();
        assertThat(time.nanoTime()).isGreaterThanOrEqualTo(releasedAt + 1_002_000_000L);
    }

    @Test
    void aQueuedCallersWholeWaitNeverExceedsMaxWait() throws Exception {
        Duration maxWait = Duration.ofSeconds(3);
        RateLimiter limiter = RateLimiter.perSecond(20).maxWait(maxWait).timeSource(time).build();
        for (int i = 0; i < 20; i++) {
            limiter.acquire(); // twenty requests in flight that never finish: the window stays full
        }
        int callers = 5;
        List<Long> waited = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(callers);
        for (int i = 0; i < callers; i++) {
            new Thread(() -> {
                long arrived = time.nanoTime();
                try {
                    limiter.acquire();
                } catch (ClientLimitException expected) {
                    waited.add(time.nanoTime() - arrived);
                    failures.add(expected);
                } finally {
                    done.countDown();
                }
            }).start();
        }

        assertThat(done.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(failures).hasSize(callers).allSatisfy(e -> assertThat(e).hasMessageContaining(RateLimiter.WAIT_EXCEEDED));
        assertThat(waited).allSatisfy(nanos -> assertThat(nanos).isLessThanOrEqualTo(maxWait.toNanos()));
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void aReleaseWakesTheCallerWaitingForTheWindow() throws Exception {
        RateLimiter limiter = RateLimiter.perSecond(20).maxWait(Duration.ofSeconds(10)).timeSource(time).build();
        List<RateLimiter.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(limiter.acquire());
        }
        java.util.concurrent.CompletableFuture<Long> startedAt = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            limiter.acquire();
            return time.nanoTime();
        });
        awaitWaiting(limiter, 1);

        long releasedAt = time.nanoTime(); // read first: the woken caller moves fake time when it sleeps to its slot
        inFlight.get(0).release();

        assertThat(startedAt.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(releasedAt + 1_002_000_000L);
    }

    @Test
    void anInterruptedWaiterGetsClientInterruptedAtOnce() throws Exception {
        RateLimiter limiter = RateLimiter.perSecond(20).maxWait(Duration.ofMinutes(10)).build(); // real time
        for (int i = 0; i < 20; i++) {
            limiter.acquire();
        }
        List<Throwable> failure = Collections.synchronizedList(new ArrayList<>());
        Thread waiter = new Thread(() -> {
            try {
                limiter.acquire();
            } catch (RuntimeException e) {
                failure.add(e);
            }
        });
        waiter.start();
        awaitWaiting(limiter, 1);

        waiter.interrupt();
        waiter.join(10_000);

        assertThat(waiter.isAlive()).as("the waiter still waits after its interrupt").isFalse();
        assertThat(failure).singleElement().satisfies(e -> assertThat(((io.gmerecording.core.error.RecordingQueryException) e)
                .code()).isEqualTo(io.gmerecording.core.error.ErrorCodes.CLIENT_INTERRUPTED));
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void aCallerThatGaveUpInTheQueueDoesNotHoldUpTheOnesBehindIt() throws Exception {
        RateLimiter limiter = RateLimiter.perSecond(20).maxWait(Duration.ofMinutes(10)).build(); // real time
        List<RateLimiter.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(limiter.acquire());
        }
        Thread head = new Thread(() -> catchAll(limiter));
        head.start();
        awaitWaiting(limiter, 1);
        Thread second = new Thread(() -> catchAll(limiter));
        second.start();
        awaitWaiting(limiter, 2);
        java.util.concurrent.CompletableFuture<RateLimiter.Permit> third =
                java.util.concurrent.CompletableFuture.supplyAsync(limiter::acquire);
        awaitWaiting(limiter, 3);

        second.interrupt();
        second.join(10_000);
        head.interrupt();
        head.join(10_000);
        awaitWaiting(limiter, 1);
        inFlight.forEach(RateLimiter.Permit::release);

        assertThat(third.get(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
    }

    private static void catchAll(RateLimiter limiter) {
        try {
            limiter.acquire();
        } catch (RuntimeException expected) {
            // interrupted on purpose
        }
    }

    /** Waits (in real time, bounded) until that many callers wait inside the limiter. */
    private static void awaitWaiting(RateLimiter limiter, int callers) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (limiter.waiting() != callers) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + callers + " waiting callers, got " + limiter.waiting());
            }
            Thread.sleep(5);
        }
    }

    @Test
    void anIdleSpellDoesNotBankPermitsBeyondTheBurst() {
        RateLimiter limiter = RateLimiter.perSecond(10).burst(3).timeSource(time).build();
        limiter.acquire().release();
        time.advance(Duration.ofSeconds(10));
        time.sleeps.clear();

        for (int i = 0; i < 5; i++) {
            limiter.acquire().release();
        }

        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void aWaitLongerThanMaxWaitIsRefusedAtOnceAndReservesNothing() {
        RateLimiter limiter = RateLimiter.perSecond(1).maxWait(Duration.ofMillis(1500))
                .timeSource(new TimeSource() {
                    @Override
                    public long nanoTime() {
                        return 0;
                    }

                    @Override
                    public void sleepUntil(long deadlineNanos) {
                    }
                }).build();
        limiter.acquire().release();
        limiter.acquire().release();

        assertThatThrownBy(limiter::acquire).isInstanceOf(ClientLimitException.class)
                .hasMessageContaining(RateLimiter.WAIT_EXCEEDED).hasMessageContaining("2002 ms")
                .matches(e -> !((ClientLimitException) e).isRetryable());
        assertThatThrownBy(limiter::acquire).hasMessageContaining("2002 ms");
    }

    @Test
    void threadsSharingOneLimiterGetDistinctSlots() throws Exception {
        AtomicLong clock = new AtomicLong();
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        RateLimiter limiter = RateLimiter.perSecond(10).timeSource(new TimeSource() {
            @Override
            public long nanoTime() {
                return clock.get();
            }

            @Override
            public void sleepUntil(long deadlineNanos) {
                waits.add(Duration.ofNanos(deadlineNanos - clock.get()));
            }
        }).build();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            new Thread(() -> {
                limiter.acquire().release();
                done.countDown();
            }).start();
        }

        assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(waits).extracting(Duration::toMillis).containsExactlyInAnyOrder(0L, 100L, 200L, 300L, 400L, 500L,
                600L, 700L);
    }

    @Test
    void theClientTakesAPermitPerRequest() {
        ScriptedQuery query = new ScriptedQuery().then(io.gmerecording.core.RecordingTask.of(TaskRef.of(1, 1), "r", 1,
                Collections.emptyList(), "q"));
        RateLimiter limiter = RateLimiter.perSecond(2).timeSource(time).build();
        io.gmerecording.core.RecordingQuery client = query.client(time).permits(action -> limiter).build().query();

        client.describe(TaskRef.of(1, 1));
        client.describe(TaskRef.of(1, 1));

        assertThat(query.calls).hasValue(2);
        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofMillis(500));
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> RateLimiter.perSecond(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> RateLimiter.perSecond(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> RateLimiter.perSecond(1).burst(0)).hasMessageContaining("burst");
        assertThatThrownBy(() -> RateLimiter.perSecond(1).maxWait(Duration.ofSeconds(-1))).hasMessageContaining("-1");
    }

    @Test
    void aMaxWaitTooLongToCountIsNoLimit() {
        RateLimiter limiter = RateLimiter.perSecond(20).maxWait(Duration.ofSeconds(Long.MAX_VALUE)).timeSource(time)
                .build();

        for (int i = 0; i < 25; i++) {
            limiter.acquire().release();
        }

        assertThat(time.sleeps).hasSize(25);
    }
}
