package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ThrottledException;
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
    void pacesRequestsOneIntervalApartWithTheSafetyMargin() {
        RateLimiter limiter = RateLimiter.perSecond(20).timeSource(time).build();

        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }

        long expected = (long) Math.ceil(1e9 / (20 * 0.97));
        assertThat(limiter.interval()).isEqualTo(Duration.ofNanos(expected));
        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofNanos(expected), Duration.ofNanos(expected),
                Duration.ofNanos(expected));
    }

    @Test
    void neverAdmitsMoreThanTheRateInAnyWindow() {
        RateLimiter limiter = RateLimiter.perSecond(20).timeSource(time).build();
        List<Long> admitted = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            limiter.acquire();
            admitted.add(time.nanoTime());
        }

        for (int i = 20; i < admitted.size(); i++) {
            assertThat(admitted.get(i) - admitted.get(i - 20)).isGreaterThanOrEqualTo(1_000_000_000L);
        }
        double achieved = 99 / ((admitted.get(99) - admitted.get(0)) / 1e9);
        assertThat(achieved).isBetween(19.3, 20.0);
    }

    @Test
    void anIdleSpellDoesNotBankPermitsBeyondTheBurst() {
        RateLimiter limiter = RateLimiter.perSecond(10).burst(3).safetyMargin(0).timeSource(time).build();
        limiter.acquire();
        time.advance(Duration.ofSeconds(10));
        time.sleeps.clear();

        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }

        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void aWaitLongerThanMaxWaitIsRefusedAtOnceAndReservesNothing() {
        RateLimiter limiter = RateLimiter.perSecond(1).safetyMargin(0).maxWait(Duration.ofMillis(1500))
                .timeSource(new TimeSource() {
                    @Override
                    public long nanoTime() {
                        return 0;
                    }

                    @Override
                    public void sleepUntil(long deadlineNanos) {
                    }
                }).build();
        limiter.acquire();
        limiter.acquire();

        assertThatThrownBy(limiter::acquire).isInstanceOf(ThrottledException.class)
                .hasMessageContaining(RateLimiter.WAIT_EXCEEDED).hasMessageContaining("2000 ms")
                .matches(e -> !((ThrottledException) e).isRetryable());
        assertThatThrownBy(limiter::acquire).hasMessageContaining("2000 ms");
    }

    @Test
    void threadsSharingOneLimiterGetDistinctSlots() throws Exception {
        AtomicLong clock = new AtomicLong();
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        RateLimiter limiter = RateLimiter.perSecond(10).safetyMargin(0).timeSource(new TimeSource() {
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
                limiter.acquire();
                done.countDown();
            }).start();
        }

        assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(waits).extracting(Duration::toMillis).containsExactlyInAnyOrder(0L, 100L, 200L, 300L, 400L, 500L,
                600L, 700L);
    }

    @Test
    void theDecoratorTakesAPermitPerRequest() {
        ScriptedQuery query = new ScriptedQuery().then(io.gmerecording.core.RecordingTask.of(TaskRef.of(1, 1), "r", 1,
                Collections.emptyList(), "q"));
        RateLimiter limiter = RateLimiter.perSecond(2).safetyMargin(0).timeSource(time).build();

        RateLimitedRecordingQuery.over(query, limiter).describe(TaskRef.of(1, 1));
        RateLimitedRecordingQuery.over(query, limiter).describe(TaskRef.of(1, 1));

        assertThat(query.calls).hasValue(2);
        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofMillis(500));
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> RateLimiter.perSecond(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> RateLimiter.perSecond(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> RateLimiter.perSecond(1).burst(0)).hasMessageContaining("burst");
        assertThatThrownBy(() -> RateLimiter.perSecond(1).safetyMargin(0.5)).hasMessageContaining("0.5");
    }
}
