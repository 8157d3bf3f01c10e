package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
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
 * still-valid ones; a failed early refresh keeps them and is logged once; once they have expired and the refresh
 * fails, callers get a {@link CredentialsException}. Thread-safe.
 */
public final class CredentialsChain implements CredentialsProvider {

    static final long REFRESH_BEFORE_MINUTES = 5;
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(REFRESH_BEFORE_MINUTES);
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
    private final AtomicBoolean earlyRefreshFailureLogged = new AtomicBoolean();
    private volatile Found found;

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
        if (current == null) {
            synchronized (lock) {
                if (found == null) {
                    found = search();
                }
                current = found;
            }
        }
        Optional<Instant> expiresAt = current.credentials.expiresAt();
        if (!expiresAt.isPresent()) {
            return current.credentials.credentials();
        }
        Instant now = clock.instant();
        if (now.isBefore(expiresAt.get().minus(REFRESH_BEFORE))) {
            return current.credentials.credentials();
        }
        if (now.isBefore(expiresAt.get())) {
            refreshEarly(current);
            return found.credentials.credentials();
        }
        return refreshExpired(current);
    }

    /** Less than five minutes left: one caller refreshes, the others keep using what is still valid. */
    private void refreshEarly(Found current) {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (found != current) {
                return; // another caller refreshed between our look and our turn
            }
            found = refreshed(current);
            earlyRefreshFailureLogged.set(false);
        } catch (RuntimeException e) {
            if (earlyRefreshFailureLogged.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "refreshing credentials from {0} failed ({1}); the current ones "
                        + "stay in use until {2}", current.source.describe(), codeOf(e),
                        current.credentials.expiresAt().orElse(null));
            }
        } finally {
            refreshing.set(false);
        }
    }

    /** Expired: every caller waits for one refresh; if it fails, they get the error. */
    private Credentials refreshExpired(Found current) {
        synchronized (lock) {
            Found latest = found;
            if (latest != current && latest.credentials.expiresAt().map(clock.instant()::isBefore).orElse(true)) {
                return latest.credentials.credentials(); // another caller refreshed meanwhile
            }
            try {
                found = refreshed(current);
            } catch (RuntimeException e) {
                throw ErrorCodes.credentialsNotFound("the credentials from " + current.source.describe()
                        + " expired and refreshing them failed (" + codeOf(e)
                        + (e instanceof CredentialsException ? ": " + ((CredentialsException) e).detail() : "") + ")");
            }
            return found.credentials.credentials();
        }
    }

    private static Found refreshed(Found current) {
        Optional<ExpiringCredentials> again = current.source.findExpiring();
        if (!again.isPresent()) {
            throw ErrorCodes.credentialsNotFound(current.source.describe() + " no longer has credentials");
        }
        return new Found(current.source, again.get());
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

    private static String codeOf(RuntimeException e) {
        return e instanceof io.gmerecording.core.error.RecordingQueryException
                ? ((io.gmerecording.core.error.RecordingQueryException) e).code() : e.getClass().getSimpleName();
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
