package io.gmerecording.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.testing.CapturedLog;
import io.gmerecording.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Temporary credentials are refreshed before they expire, once, and never used after. Fake time throughout. */
class CredentialsRefreshTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(6);

    private final MutableClock clock = new MutableClock(START);

    /** A role: each call hands out new credentials valid for six minutes from the fake now, or fails when told to. */
    private final class Role implements CredentialsSource {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public Optional<Credentials> find() {
            return findExpiring().map(ExpiringCredentials::credentials);
        }

        @Override
        public Optional<ExpiringCredentials> findExpiring() {
            int call = calls.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("the role service is down");
            }
            return Optional.of(ExpiringCredentials.until(Credentials.of("AKIDtmp" + call, "key" + call, "token" + call),
                    clock.instant().plus(LIFETIME)));
        }

        @Override
        public String describe() {
            return "a test role";
        }
    }

    private final Role role = new Role();
    private final CredentialsChain chain = CredentialsChain.of(role).withClock(clock);
    private final ExecutorService threads = Executors.newFixedThreadPool(50);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** 50 threads resolve at once; each answer is checked against its expiry at the moment it was given. */
    private List<Credentials> fiftyAtOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Credentials>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(threads.submit(() -> {
                go.await();
                return chain.resolve();
            }));
        }
        go.countDown();
        List<Credentials> resolved = new ArrayList<>();
        for (Future<Credentials> answer : answers) {
            resolved.add(answer.get(10, TimeUnit.SECONDS));
        }
        return resolved;
    }

    @Test
    void fiftyThreadsRefreshOnceBeforeExpiryAndNeverUseExpiredCredentials() throws Exception {
        assertThat(fiftyAtOnce()).allMatch(credentials -> credentials.secretId().equals("AKIDtmp1"));
        assertThat(role.calls).hasValue(1);

        clock.set(START.plus(Duration.ofSeconds(61))); // under five minutes left
        List<Credentials> during = fiftyAtOnce();

        assertThat(role.calls).as("one refresh for fifty callers").hasValue(2);
        assertThat(during).allMatch(credentials -> credentials.secretId().equals("AKIDtmp1")
                || credentials.secretId().equals("AKIDtmp2"));
        clock.set(START.plus(LIFETIME).plusSeconds(1)); // the first ones have expired; the second have a minute left
        assertThat(fiftyAtOnce()).as("nothing expired is handed out").noneMatch(
                credentials -> credentials.secretId().equals("AKIDtmp1"));
        assertThat(role.calls).as("again one refresh for fifty callers").hasValue(3);
    }

    @Test
    void aFailedEarlyRefreshKeepsTheValidCredentialsAndIsLoggedOnce() throws Exception {
        chain.resolve();
        role.failing.set(true);
        clock.set(START.plus(Duration.ofMinutes(2)));
        List<Credentials> resolved = new ArrayList<>();

        List<LogRecord> logged = CapturedLog.during(CredentialsChain.class.getName(), () -> {
            resolved.addAll(fiftyAtOnce());
            resolved.add(chain.resolve());
        });

        assertThat(resolved).hasSize(51).allMatch(credentials -> credentials.secretId().equals("AKIDtmp1"));
        assertThat(role.calls.get()).as("refresh attempts").isGreaterThan(1);
        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("stay in use");
        });
    }

    @Test
    void expiredCredentialsWithAFailingRefreshAreATypedError() {
        chain.resolve();
        role.failing.set(true);
        clock.set(START.plus(LIFETIME));

        CredentialsException error = catchThrowableOfType(CredentialsException.class, chain::resolve);

        assertThat(error.code()).isEqualTo("Client.CredentialsUnavailable");
        assertThat(error.isRetryable()).as("an outage of the role's service ends").isTrue();
        assertThat(error).hasMessageContaining("a test role").hasMessageContaining("expired")
                .hasMessageNotContaining("key1").hasMessageNotContaining("token1");
        role.failing.set(false);
        int callsBefore = role.calls.get();
        assertThat(catchThrowableOfType(CredentialsException.class, chain::resolve))
                .as("not asked again before the backoff ends").hasMessageContaining("asking again at");
        assertThat(role.calls).hasValue(callsBefore);
        clock.set(START.plus(LIFETIME).plusSeconds(CredentialsChain.MAX_BACKOFF_SECONDS));
        assertThat(chain.resolve().secretId()).as("recovers once the role answers again").startsWith("AKIDtmp");
    }
}
