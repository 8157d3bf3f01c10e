package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Looks for credentials in order and uses the first place that has them. The standard order is the one users of
 * the official SDK and tccli know: environment, {@code ~/.tencentcloud/credentials}, {@code ~/.tccli/<profile>.credential}
 * (profile {@code default}, or {@code TCCLI_PROFILE}), the CVM instance role ({@link CvmRoleCredentials}), TKE's OIDC
 * web identity ({@link TkeOidcCredentials}). A malformed place stops the search with its own error rather
 * than silently falling through to the next.
 *
 * <p>The chain remembers which place answered. Credentials that do not expire are kept (a changed file or environment
 * is picked up by a new chain). Temporary ones are kept with their expiry and asked for again from the same place when
 * less than {@value #REFRESH_BEFORE_MINUTES} minutes remain: one caller refreshes while the others go on with the
 * still-valid ones, which stay in use while refreshing fails. Credentials that have expired, or that had already
 * expired when they came (a stale cache, a wrong clock), are never handed out.
 *
 * <p>A failed refresh is not tried again at once: the next attempt waits 1 s, then twice as long after each failure
 * (at most {@value #MAX_BACKOFF_SECONDS} s, with jitter), and until then callers that have no valid credentials get
 * the last failure again without a request to the source. A failure of the source's service (unreachable, a 5xx,
 * expired answers) is a retryable {@code Client.CredentialsUnavailable}: a tracker keeps its tasks and succeeds once the
 * service is back; a malformed answer stays non-retryable. One WARNING per outage, one INFO when it ends.
 * Thread-safe.
 */
public final class CredentialsChain implements CredentialsProvider {

    static final long REFRESH_BEFORE_MINUTES = 5;
    static final long MAX_BACKOFF_SECONDS = 30;
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(REFRESH_BEFORE_MINUTES);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(CredentialsChain.class.getName());

    /** What was found, and where. */
    private static final class Found {
        final CredentialsSource source;
        final ExpiringCredentials credentials;

        Found(CredentialsSource source, ExpiringCredentials credentials) {
            this.source = source;
            this.credentials = credentials;
        }
    }

    private final List<CredentialsSource> sources;
    private final Clock clock;
    private final Object lock = new Object();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Found found;
    /** Guarded by lock: the last failure, how many in a row, and when the source may be asked again. */
    private CredentialsException lastFailure;
    private int failuresInARow;
    private Instant nextAttempt = Instant.MIN;

    private CredentialsChain(List<CredentialsSource> sources, Clock clock) {
        this.sources = Collections.unmodifiableList(new ArrayList<>(sources));
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    public static CredentialsChain of(CredentialsSource... sources) {
        return new CredentialsChain(Arrays.asList(sources), Clock.systemUTC());
    }

    /** The same chain reading expiry against this clock (for tests). */
    public CredentialsChain withClock(Clock clock) {
        return new CredentialsChain(sources, clock);
    }

    /** The standard chain for this process's environment and the user's home directory ({@link #home}). */
    public static CredentialsChain standard() {
        return standard(System.getenv(), home(System.getenv()));
    }

    /**
     * The home directory the credential files are looked up under: {@code $HOME} when it is set, as the AWS SDK and
     * tccli do, else the JVM's {@code user.home}.
     */
    public static Path home(Map<String, String> environment) {
        String home = environment.get("HOME");
        return Paths.get(home != null && !home.trim().isEmpty() ? home : System.getProperty("user.home"));
    }

    /** The standard chain over a given environment and home directory (for tests and embedding). */
    public static CredentialsChain standard(Map<String, String> environment, Path home) {
        String profile = environment.getOrDefault("TCCLI_PROFILE", "default");
        return of(
                EnvironmentCredentials.of(environment),
                ProfileFileCredentials.inHome(home),
                TccliCredentials.inHome(home, profile.trim().isEmpty() ? "default" : profile.trim()),
                CvmRoleCredentials.from(environment),
                TkeOidcCredentials.from(environment));
    }

    @Override
    public Credentials resolve() {
        Found current = found;
        Instant now = clock.instant();
        if (current != null) {
            Optional<Instant> expiresAt = current.credentials.expiresAt();
            if (!expiresAt.isPresent() || now.isBefore(expiresAt.get().minus(REFRESH_BEFORE))) {
                return current.credentials.credentials();
            }
            if (now.isBefore(expiresAt.get())) {
                refreshEarly(current);
                return found.credentials.credentials();
            }
        }
        return fetchWhileNoneValid(current);
    }

    /**
     * The SecretId for a long-term key; for a role, its stable identity ({@code cvm-role:NAME} for the CVM role,
     * {@code tke-role:ARN} for TKE OIDC), which every replica shares and a refresh does not change.
     */
    @Override
    public String quotaKey() {
        resolve();
        return found.credentials.quotaKey();
    }

    /** Less than five minutes left: one caller refreshes (when the backoff allows), the others go on. */
    private void refreshEarly(Found current) {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            synchronized (lock) {
                if (found != current || clock.instant().isBefore(nextAttempt)) {
                    return; // refreshed by another caller meanwhile, or a failed attempt is too recent
                }
                try {
                    succeeded(fetch(current));
                } catch (RuntimeException e) {
                    failed(current, e, current.credentials.expiresAt().orElse(null));
                }
            }
        } finally {
            refreshing.set(false);
        }
    }

    /** None valid (never found, or expired): every caller waits for one attempt; if it fails, they get the error. */
    private Credentials fetchWhileNoneValid(Found current) {
        synchronized (lock) {
            Found latest = found;
            if (latest != null && latest != current && isValid(latest)) {
                return latest.credentials.credentials(); // another caller refreshed meanwhile
            }
            if (lastFailure != null && clock.instant().isBefore(nextAttempt)) {
                throw again(lastFailure);
            }
            try {
                return succeeded(fetch(latest)).credentials.credentials();
            } catch (RuntimeException e) {
                throw failed(latest, e, null);
            }
        }
    }

    /** A new answer from the source that gave the last one, or from the first source that has any. */
    private Found fetch(Found current) {
        Found fresh;
        if (current == null) {
            fresh = search();
        } else {
            Optional<ExpiringCredentials> again = current.source.findExpiring();
            if (!again.isPresent()) {
                throw ErrorCodes.credentialsNotFound(current.source.describe() + " no longer has credentials");
            }
            fresh = new Found(current.source, again.get());
        }
        Optional<Instant> expiresAt = fresh.credentials.expiresAt();
        if (expiresAt.isPresent() && !clock.instant().isBefore(expiresAt.get())) {
            throw ErrorCodes.credentialsUnavailable(fresh.source.describe() + " answered credentials that expired at "
                    + expiresAt.get() + " (now " + clock.instant() + "): a stale answer or a wrong clock");
        }
        return fresh;
    }

    private boolean isValid(Found candidate) {
        return candidate.credentials.expiresAt().map(clock.instant()::isBefore).orElse(true);
    }

    private Found succeeded(Found fresh) {
        if (failuresInARow > 0) {
            LOG.log(System.Logger.Level.INFO, "credentials from {0} are available again",
                    fresh.source.describe());
        }
        found = fresh;
        lastFailure = null;
        failuresInARow = 0;
        nextAttempt = Instant.MIN;
        return fresh;
    }

    /**
     * Notes a failed attempt and gives the error for it. A refresh, or an outage of the source's service, also sets
     * when the next attempt may be made (callers before then get this error again) and is logged once per outage; a
     * first search that finds nothing usable is simply the caller's error.
     */
    private CredentialsException failed(Found current, RuntimeException e, Instant stillValidUntil) {
        CredentialsException error = asCredentialsError(current, e);
        if (current == null && !error.isRetryable()) {
            return error;
        }
        Duration backoff = backoff(failuresInARow++);
        nextAttempt = clock.instant().plus(backoff);
        lastFailure = error;
        if (failuresInARow > 1) {
            return error;
        }
        String place = current == null ? "the credentials chain" : current.source.describe();
        if (stillValidUntil != null) {
            LOG.log(System.Logger.Level.WARNING, "refreshing credentials from {0} failed ({1}); the current ones "
                    + "stay in use until {2}, and refreshing is tried again with backoff", place, error.code(),
                    stillValidUntil);
        } else {
            LOG.log(System.Logger.Level.WARNING, "getting credentials from {0} failed ({1}); asking again with "
                    + "backoff, first in {2} ms", place, error.getMessage(), backoff.toMillis());
        }
        return error;
    }

    private static Duration backoff(int failuresBefore) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(failuresBefore, 5);
        long capped = Math.min(base, MAX_BACKOFF_SECONDS * 1000);
        // jitter: replicas whose role service went away together do not all come back in the same instant
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** The error for a failed attempt: the source's own when it is one of ours, else an outage of that source. */
    private static CredentialsException asCredentialsError(Found current, RuntimeException e) {
        boolean ours = e instanceof CredentialsException;
        if (current == null && ours) {
            return (CredentialsException) e;
        }
        String cause = ours ? ((CredentialsException) e).code() + ": " + ((CredentialsException) e).detail()
                : e instanceof RecordingQueryException ? ((RecordingQueryException) e).code()
                : e.getClass().getSimpleName();
        String detail = current == null ? "a credentials source failed (" + cause + ")"
                : "the credentials from " + current.source.describe() + " expired and refreshing them failed ("
                        + cause + ")";
        return ours && !((CredentialsException) e).isRetryable()
                ? (CredentialsException) ErrorCodes.exception(((CredentialsException) e).code(), detail, null)
                : ErrorCodes.credentialsUnavailable(detail);
    }

    /** The last failure once more, for a caller that comes before the next attempt may be made. */
    private CredentialsException again(CredentialsException last) {
        return (CredentialsException) ErrorCodes.exception(last.code(), last.detail() + "; asking again at "
                + nextAttempt, null);
    }

    private Found search() {
        for (CredentialsSource source : sources) {
            Optional<ExpiringCredentials> credentials = source.findExpiring();
            if (credentials.isPresent()) {
                return new Found(source, credentials.get());
            }
        }
        throw ErrorCodes.credentialsNotFound(
                "no Tencent Cloud credentials given explicitly or found; looked in: " + String.join(", ", places()));
    }

    private List<String> places() {
        List<String> places = new ArrayList<>();
        for (CredentialsSource source : sources) {
            places.add(source.describe());
        }
        return places;
    }

    @Override
    public String toString() {
        return "CredentialsChain" + places();
    }
}
