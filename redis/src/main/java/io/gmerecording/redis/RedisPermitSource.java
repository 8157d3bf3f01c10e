package io.gmerecording.redis;

import io.gmerecording.core.Action;
import io.gmerecording.core.error.ClientLimitException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.core.policy.RateLimiter;
import io.gmerecording.core.policy.TimeSource;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One request budget for every process that reaches the same Redis: keyed by the quota key (the account, or the
 * role every replica assumes) and the action, so six replicas of one account share 20 requests per second instead of
 * sending 120.
 *
 * <p>The budget is one hash and one sorted set in Redis, both changed by one Lua script, so nothing can be granted
 * from half of the state. Pacing: one grant every {@code (1 s + margin) / N}. Window: a request takes one of N places,
 * held while it is in flight and for one window (1 s + margin) after it finished; the service counts arrivals, and a
 * request arrives between its start and its finish, so no second of arrivals holds more than N however late a
 * request reaches the service. The hash also keeps the budget's size (the first process to create it sets it; a
 * process configured otherwise follows the stored size and warns once; {@link #changeBudget} changes it) and a
 * generation.
 *
 * <p>Lost state cannot open the gate: when the hash is gone (FLUSHALL, an eviction, a failover to an empty replica)
 * the script creates it with a new generation and grants nothing for one window, so the requests granted from the
 * lost state have all arrived before any new one is granted; every process that sees the new generation puts its own
 * requests still in flight back into the window first. The keys carry no TTL, so {@code volatile-*} eviction policies
 * never pick them; under an {@code allkeys-*} policy the source warns once.
 *
 * <p>A place is first taken for a short while only ({@code redisTimeout} + 250 ms) and made a request's place when the
 * grant reaches the caller: a script that Redis runs after its caller gave up (a stalled Redis, a slow fork, a VM
 * pause) frees its place by itself within that time instead of holding it for the lease. A place whose process dies
 * mid-request frees itself when its lease (60 s by default) ends.
 *
 * <p>When Redis does not answer (not yet connected, down, slower than {@code redisTimeout}), the caller tries again with
 * a short backoff for as long as its wait bound allows; only then is it refused with
 * {@code Client.SharedLimitUnavailable} ("failing closed"). With {@link Builder#fallbackToLocalShare(int)} the process
 * instead limits itself to {@code N / replicas} requests per second once Redis has been unreachable for one window, and
 * when Redis is back the requests it sent on its own in the last window enter the shared window first. One WARNING per
 * outage, one INFO when it ends. Keep the replicas' clocks in sync (NTP); the margin (50 ms) covers small differences.
 */
public final class RedisPermitSource implements PermitSource, AutoCloseable {

    /** The action whose quota the bucket guards unless told otherwise. */
    public static final String DEFAULT_ACTION = "DescribeRecordInfo";
    /** The start of every bucket's key unless told otherwise. */
    public static final String DEFAULT_KEY_PREFIX = "gme-recording:ratelimit";

    private static final System.Logger LOG = System.getLogger(RedisPermitSource.class.getName());
    private static final long IN_FLIGHT_POLL_NANOS = 10_000_000L;
    private static final long FIRST_RETRY_NANOS = 25_000_000L;
    private static final long MAX_RETRY_NANOS = 500_000_000L;
    private static final long TENTATIVE_SLACK_NANOS = 250_000_000L;
    /** How {@link #describe} starts the reasons that are settings, not outages (see {@link #checkSettings()}). */
    private static final String AUTHENTICATION_FAILED = "authentication failed";
    private static final String NO_SUCH_DATABASE = "no such database";
    private static final String TLS_FAILED = "TLS handshake failed";
    /**
     * KEYS[1] the budget (hash: rate, next, gen), KEYS[2] the window (sorted set of places, scored by when they free:
     * a finished request by its finish, one in flight by its lease's end). ARGV: now, window length, tentative hold
     * (microseconds), the rate to create the budget with, this request's member, a new generation, the generation the
     * caller knows. Answers {status, value, rate}: {ok, generation}, {generation, new one} (re-register and ask again),
     * {wait, when the next grant may be} or {full, the oldest place's score}.
     */
    private static final String ENTER = String.join("\n",
            "local now = tonumber(ARGV[1])",
            "local window = tonumber(ARGV[2])",
            "local state = redis.call('HMGET', KEYS[1], 'rate', 'next', 'gen')",
            "local rate, nextAt, gen = state[1], tonumber(state[2]), state[3]",
            "if not gen then",
            "  rate = rate or ARGV[4]",
            "  gen = ARGV[6]",
            "  nextAt = now + window",
            "  redis.call('HSET', KEYS[1], 'rate', rate, 'next', string.format('%.0f', nextAt), 'gen', gen)",
            "end",
            "if gen ~= ARGV[7] then return {'generation', gen, rate} end",
            "if now < nextAt then return {'wait', string.format('%.0f', nextAt), rate} end",
            "local places = math.max(1, math.floor(tonumber(rate)))",
            "redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)",
            "if redis.call('ZCARD', KEYS[2]) >= places then",
            "  return {'full', redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2], rate}",
            "end",
            "redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]) - window, ARGV[5])",
            "redis.call('HSET', KEYS[1], 'next', string.format('%.0f', now + math.ceil(window / tonumber(rate))))",
            "return {'ok', gen, rate}");

    private final RedisLocation location;
    private final String budgetKey;
    private final String windowKey;
    private final long leaseNanos;
    private final long tentativeNanos;
    private final String memberPrefix;
    private final AtomicLong permitCount = new AtomicLong();
    private final double requestsPerSecond;
    private final long maxWaitNanos;
    private final Duration redisTimeout;
    private final long reconnectDelayNanos;
    private final TimeSource time;
    private final RateLimiter fallback;
    private final int replicas;
    private final RedisConnector connector;
    private final Object linkLock = new Object();
    private volatile RedisConnector.Link link;
    private long nextConnectAttempt;
    private volatile String connectProblem = "not connected yet";
    private final long windowNanos;
    private final ArrayDeque<Long> fallbackGrants = new ArrayDeque<>();
    /** This process's places still in flight (member, lease end in microseconds), put back after a lost state. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private volatile String generation = "";
    private final AtomicBoolean rateMismatchWarned = new AtomicBoolean();
    private final AtomicBoolean outageWarned = new AtomicBoolean();
    private final Object troubleLock = new Object();
    private long troubleSince;
    private boolean troubled;
    private volatile boolean closed;

    private RedisPermitSource(Builder builder) {
        this.location = builder.location;
        String slot = "{" + builder.action + ":" + builder.quotaKey + "}"; // one hash slot for both keys (Cluster)
        this.budgetKey = builder.keyPrefix + ":" + slot + ":budget";
        this.windowKey = builder.keyPrefix + ":" + slot + ":window";
        this.leaseNanos = builder.lease.toNanos();
        this.memberPrefix = UUID.randomUUID() + ":";
        this.requestsPerSecond = builder.requestsPerSecond;
        this.maxWaitNanos = builder.maxWait.toNanos();
        this.redisTimeout = builder.redisTimeout;
        this.tentativeNanos = redisTimeout.toNanos() + TENTATIVE_SLACK_NANOS;
        this.reconnectDelayNanos = builder.reconnectDelay.toNanos();
        this.time = builder.time;
        this.replicas = builder.replicas;
        this.fallback = builder.replicas == 0 ? null
                : RateLimiter.perSecond(builder.requestsPerSecond / builder.replicas).maxWait(builder.maxWait)
                        .timeSource(builder.time).build();
        this.windowNanos = 1_000_000_000L + builder.margin.toNanos();
        // while reconnecting, a command fails at once instead of queueing; the caller retries within its bound
        this.connector = new RedisConnector(location, builder.cluster, redisTimeout, builder.reconnectDelay);
        this.nextConnectAttempt = time.nanoTime();
    }

    /**
     * A source for the quota named {@code quotaKey} at {@code location}: what every replica of one account shares and
     * that does not rotate, such as {@code CredentialsProvider.quotaKey()} (the SecretId of a long-term key, the role
     * of temporary credentials). It only names the keys in Redis; it is not a secret.
     */
    public static Builder builder(RedisLocation location, String quotaKey) {
        return new Builder(location, quotaKey);
    }

    /**
     * Blocks until the shared budget allows one request, for at most the wait bound.
     *
     * @throws ClientLimitException {@code Client.RateLimitWaitExceeded} when the wait would exceed the bound;
     *     {@code Client.SharedLimitUnavailable} when Redis did not answer within it and the source fails closed
     */
    @Override
    public PermitSource.Permit acquire() {
        if (closed) {
            throw ErrorCodes.closed("the shared rate limit was closed");
        }
        long deadline = time.nanoTime() + maxWaitNanos;
        long retryNanos = FIRST_RETRY_NANOS;
        try {
            while (true) {
                RedisConnector.Link current = link();
                String problem;
                if (current == null) {
                    problem = connectProblem;
                } else if (!current.isOpen()) {
                    problem = "the connection is down, reconnecting";
                } else {
                    try {
                        PermitSource.Permit granted = enter(current, deadline);
                        if (granted != null) {
                            backOnRedis();
                            return granted;
                        }
                        continue; // a new generation: this process's places were put back
                    } catch (RecordingQueryException e) {
                        throw e;
                    } catch (RuntimeException redisFailure) {
                        problem = describe(redisFailure);
                    }
                }
                long now = time.nanoTime();
                long troubleFor = noteTrouble(now, problem);
                if (fallback != null && troubleFor >= windowNanos) {
                    warnOnce(problem);
                    return onFallback();
                }
                if (now + retryNanos - deadline > 0) {
                    warnOnce(problem);
                    throw ErrorCodes.sharedLimitUnavailable("the shared rate limit at " + location
                            + " did not answer within maxWait " + maxWaitNanos / 1_000_000 + " ms (" + problem
                            + "); failing closed, so no request was sent");
                }
                time.sleepUntil(now + retryNanos);
                retryNanos = Math.min(retryNanos * 2, MAX_RETRY_NANOS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCodes.interrupted("interrupted while waiting for the shared rate limit", e);
        }
    }

    /**
     * Asks the script for a place until it grants one (the permit), the wait would pass the deadline (refused), or
     * the budget has a generation this process has not seen (null, after putting this process's places back).
     */
    private PermitSource.Permit enter(RedisConnector.Link current, long deadline)
            throws InterruptedException {
        recordFallbackGrants(current);
        String member = memberPrefix + permitCount.incrementAndGet();
        while (true) {
            long now = time.nanoTime();
            String known = generation;
            List<Object> answer = current.sync().eval(ENTER, ScriptOutputType.MULTI,
                    new String[] {budgetKey, windowKey}, micros(now), Long.toString(windowNanos / 1000),
                    Long.toString(tentativeNanos / 1000), Double.toString(requestsPerSecond), member,
                    UUID.randomUUID().toString(), known);
            String status = String.valueOf(answer.get(0));
            String value = String.valueOf(answer.get(1));
            checkRate(String.valueOf(answer.get(2)));
            if ("ok".equals(status)) {
                long leaseEnd = now / 1000 + leaseNanos / 1000;
                inFlight.put(member, leaseEnd);
                // the grant reached us in time: the tentative place becomes this request's, for its lease
                current.async().zadd(windowKey, (double) leaseEnd, member);
                return new SharedPermit(member);
            }
            if ("generation".equals(status)) {
                putBack(current, value);
                return null;
            }
            long retryAt;
            if ("wait".equals(status)) {
                retryAt = Long.parseLong(value) * 1000;
            } else {
                long oldest = (long) Double.parseDouble(value) * 1000;
                // the oldest place is still in flight: ask again soon; otherwise it frees one window after its score
                retryAt = oldest - now > 0 ? now + IN_FLIGHT_POLL_NANOS : oldest + windowNanos;
            }
            if (retryAt - deadline > 0) {
                throw waitExceeded("wait".equals(status) ? "its pacing" : "its one-second window");
            }
            time.sleepUntil(retryAt);
        }
    }

    /** The budget was created anew: this process's requests still in flight take their places in it again. */
    private void putBack(RedisConnector.Link current, String newGeneration) {
        synchronized (inFlight) {
            if (newGeneration.equals(generation)) {
                return;
            }
            for (Map.Entry<String, Long> place : inFlight.entrySet()) {
                current.sync().zadd(windowKey, (double) place.getValue(), place.getKey());
            }
            if (!generation.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "the shared rate limit''s state at {0} was lost (a flush, an "
                        + "eviction or a failover) and was created anew; nothing is granted for one window, and this "
                        + "process put its {1} requests in flight back", location, inFlight.size());
            }
            generation = newGeneration;
        }
    }

    private void checkRate(String stored) {
        double storedRate = Double.parseDouble(stored);
        if (storedRate != requestsPerSecond && rateMismatchWarned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "the shared budget at {0} is {1} requests per second, as stored in "
                    + "Redis, not the {2} configured here; following the stored one (changeBudget changes it)",
                    location, storedRate, requestsPerSecond);
        }
    }

    /**
     * Makes the budget {@code rate} requests per second for every process that shares it, from their next request on.
     * The budget's size is otherwise set once, by the first process that creates it.
     */
    public void changeBudget(double rate) {
        Builder.positiveRate(rate);
        RedisConnector.Link current = link();
        if (current == null) {
            throw ErrorCodes.sharedLimitUnavailable("the shared rate limit at " + location + " is unavailable ("
                    + connectProblem + "); the budget was not changed");
        }
        current.sync().hset(budgetKey, "rate", Double.toString(rate));
    }

    /** A place in the shared window, marked finished when released. */
    private final class SharedPermit implements PermitSource.Permit {
        private final String member;
        private final AtomicBoolean released = new AtomicBoolean();

        SharedPermit(String member) {
            this.member = member;
        }

        @Override
        public void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            inFlight.remove(member);
            RedisConnector.Link current = link;
            if (current == null || !current.isOpen()) {
                return; // an unreleased place frees itself when its lease ends
            }
            try {
                // added even if the state was lost meanwhile: the request counts for one window after it finished
                current.async().zadd(windowKey, (double) (time.nanoTime() / 1000), member);
            } catch (RuntimeException redisFailure) {
                LOG.log(System.Logger.Level.DEBUG, "cannot release a place in {0}: {1}", location,
                        describe(redisFailure));
            }
        }
    }

    private ClientLimitException waitExceeded(String what) {
        return ErrorCodes.rateLimitWaitExceeded("the shared rate limit of " + requestsPerSecond
                + " requests per second at " + location + " would make this request wait more than maxWait "
                + maxWaitNanos / 1_000_000 + " ms for " + what);
    }

    private static String micros(long nanos) {
        return Long.toString(nanos / 1000);
    }

    /** How long Redis has been failing this process's callers, counting from the first failure of this outage. */
    private long noteTrouble(long now, String problem) {
        synchronized (troubleLock) {
            if (!troubled) {
                troubled = true;
                troubleSince = now;
                LOG.log(System.Logger.Level.DEBUG, "the shared rate limit at {0} did not answer ({1}); retrying",
                        location, problem);
            }
            return now - troubleSince;
        }
    }

    private void warnOnce(String problem) {
        if (outageWarned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "the shared rate limit at {0} is unavailable ({1}); {2}", location,
                    problem, fallback == null ? "failing closed"
                            : "limiting this process to " + fallbackRate() + " requests per second until it is back");
        }
    }

    private void backOnRedis() {
        synchronized (troubleLock) {
            troubled = false;
        }
        if (outageWarned.compareAndSet(true, false)) {
            LOG.log(System.Logger.Level.INFO, "the shared rate limit at {0} is reachable again", location);
        }
    }

    /**
     * Back on Redis after using the fallback: the requests this process sent on its own within the last window enter
     * the shared window as finished then, so those and the shared ones never add up to more than the budget.
     */
    private void recordFallbackGrants(RedisConnector.Link current) {
        List<Long> recent;
        synchronized (fallbackGrants) {
            if (fallbackGrants.isEmpty()) {
                return;
            }
            long now = time.nanoTime();
            fallbackGrants.removeIf(grantedAt -> now - grantedAt >= windowNanos);
            recent = new ArrayList<>(fallbackGrants);
            fallbackGrants.clear();
        }
        for (long grantedAt : recent) {
            current.sync().zadd(windowKey, (double) (grantedAt / 1000), memberPrefix + "fallback-"
                    + permitCount.incrementAndGet());
        }
    }

    private PermitSource.Permit onFallback() {
        PermitSource.Permit permit = fallback.acquire();
        synchronized (fallbackGrants) {
            fallbackGrants.addLast(time.nanoTime());
            if (fallbackGrants.size() > requestsPerSecond + 1) {
                fallbackGrants.pollFirst();
            }
        }
        return permit;
    }

    private double fallbackRate() {
        return requestsPerSecond / replicas;
    }

    /** The live connection, connecting first when there is none and the last attempt is long enough ago. */
    private RedisConnector.Link link() {
        RedisConnector.Link current = link;
        if (current != null) {
            return current;
        }
        synchronized (linkLock) {
            if (link != null || closed || time.nanoTime() - nextConnectAttempt < 0) {
                return link;
            }
            nextConnectAttempt = time.nanoTime() + reconnectDelayNanos;
            try {
                RedisConnector.Link connection = connector.connect();
                warnOnEvictingPolicy(connection);
                link = connection;
            } catch (RuntimeException connectFailure) {
                connectProblem = describe(connectFailure);
                LOG.log(System.Logger.Level.DEBUG, "cannot connect to {0}: {1}", location, connectProblem);
            }
            return link;
        }
    }

    /** The keys have no TTL; only a policy that evicts any key can take them. CONFIG may be disabled: then silent. */
    private void warnOnEvictingPolicy(RedisConnector.Link connection) {
        try {
            String policy = connection.sync().configGet("maxmemory-policy").getOrDefault("maxmemory-policy", "");
            if (policy.startsWith("allkeys")) {
                LOG.log(System.Logger.Level.WARNING, "Redis at {0} evicts any key under memory pressure "
                        + "(maxmemory-policy {1}): the shared budget''s state may be evicted, which pauses every "
                        + "process for one window each time; use noeviction or a volatile-* policy", location,
                        policy);
            }
        } catch (RuntimeException configDisabled) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read maxmemory-policy at {0}: {1}", location,
                    describe(configDisabled));
        }
    }

    /**
     * Connects now (within the Redis timeout) and checks that Redis accepts this source's settings, so that a setting
     * no retry can fix is found at start-up rather than by every request.
     *
     * @return true when Redis answered; false when it did not (down, or not reachable yet): requests then wait for it
     *     within maxWait, as always
     * @throws IllegalArgumentException when Redis refused the settings themselves: authentication failed, no such
     *     database, or a TLS handshake that failed (rediss:// to a plain server, or an untrusted certificate); the
     *     message names the location (without its password) and the reason
     */
    public boolean checkSettings() {
        RedisConnector.Link current = link();
        String problem = connectProblem;
        if (current != null) {
            try {
                current.sync().ping();
                return true;
            } catch (RuntimeException redisFailure) {
                problem = describe(redisFailure);
            }
        }
        if (current == null && location.isTls() && location.answersPlainRedis(redisTimeout)) {
            // a plain Redis reads a TLS hello as an unfinished command and says nothing, so the handshake times out
            problem = TLS_FAILED + ": the server answers plain Redis on that port (use redis://, or its TLS port)";
        }
        if (problem.startsWith(AUTHENTICATION_FAILED) || problem.startsWith(NO_SUCH_DATABASE)
                || problem.startsWith(TLS_FAILED)) {
            throw new IllegalArgumentException("the shared rate limit at " + location + " cannot be used: " + problem);
        }
        return false;
    }

    /** What went wrong, in words an operator can act on; never the password. */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        boolean tls = false;
        while (cause.getCause() != null && cause.getCause() != cause) {
            tls |= isTls(cause);
            cause = cause.getCause();
        }
        tls |= isTls(cause);
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (message.contains("NOAUTH") || message.contains("WRONGPASS") || message.contains("invalid password")) {
            return AUTHENTICATION_FAILED + ": " + message;
        }
        if (message.contains("DB index is out of range")) {
            return NO_SUCH_DATABASE + ": " + message;
        }
        if (tls) {
            return TLS_FAILED + " (is it a TLS server, with a certificate this JVM trusts?): "
                    + cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Netty's and the JDK's TLS failures: NotSslRecordException, SSLHandshakeException and the like. */
    private static boolean isTls(Throwable failure) {
        String name = failure.getClass().getName();
        return name.contains("Ssl") || name.contains("SSL");
    }

    /** Whether Redis is failing this process's callers now (for tests and health checks). */
    public boolean isUnavailable() {
        synchronized (troubleLock) {
            return troubled;
        }
    }

    /** Closes the connection and the client's threads; later calls to {@link #acquire()} fail. */
    @Override
    public void close() {
        closed = true;
        synchronized (linkLock) {
            if (link != null) {
                link.close();
                link = null;
            }
        }
        connector.close();
    }

    @Override
    public String toString() {
        return "RedisPermitSource[" + requestsPerSecond + "/s shared at " + location + ", "
                + (fallback == null ? "fails closed" : "falls back to " + fallbackRate() + "/s") + "]";
    }

    /**
     * Defaults: 20 requests per second, action {@value #DEFAULT_ACTION}, key prefix {@value #DEFAULT_KEY_PREFIX},
     * maxWait 60 s, Redis timeout 1 s, reconnect every second, margin 50 ms, fail closed, the system's wall clock.
     */
    public static final class Builder {
        private final RedisLocation location;
        private final String quotaKey;
        private double requestsPerSecond = 20;
        private String action = DEFAULT_ACTION;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration maxWait = Duration.ofSeconds(60);
        private Duration redisTimeout = Duration.ofSeconds(1);
        private Duration reconnectDelay = Duration.ofSeconds(1);
        private boolean cluster;
        private Duration margin = Duration.ofMillis(50);
        private Duration lease = Duration.ofSeconds(60);
        private int replicas;
        private TimeSource time = EpochTime.INSTANCE;

        private Builder(RedisLocation location, String quotaKey) {
            this.location = Objects.requireNonNull(location, "location must not be null");
            this.quotaKey = keyPart(quotaKey, "quotaKey");
        }

        /** The budget every process sharing the bucket divides: the account's quota for the action. */
        public Builder requestsPerSecond(double rate) {
            this.requestsPerSecond = positiveRate(rate);
            return this;
        }

        static double positiveRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("requestsPerSecond must be a positive number, got " + rate);
            }
            return rate;
        }

        public Builder action(String action) {
            this.action = keyPart(action, "action");
            return this;
        }

        /** The start of the bucket's key, e.g. to keep two environments that share a Redis apart. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = nonBlank(keyPrefix, "keyPrefix");
            return this;
        }

        /** The longest a caller waits for a permit; a longer wait is refused at once. */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = notNegative(maxWait, "maxWait");
            return this;
        }

        /**
         * How long one Redis command or connection attempt may take; a slower one is tried again within the wait
         * bound. Also how long a place stays held for a grant that never reached its caller (plus 250 ms).
         */
        public Builder redisTimeout(Duration timeout) {
            this.redisTimeout = positive(timeout, "redisTimeout");
            return this;
        }

        /** The pause between reconnection attempts while Redis is unreachable. */
        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = positive(delay, "reconnectDelay");
            return this;
        }

        /** The location is one node of a Redis Cluster (the others are found from it); the keys share one slot. */
        public Builder cluster() {
            this.cluster = true;
            return this;
        }

        /** Extra time spread over each second's budget to absorb differences in delay between processes. */
        public Builder margin(Duration margin) {
            this.margin = notNegative(margin, "margin");
            return this;
        }

        /**
         * How long a request's place in the shared window stays taken if its process never releases it (it died
         * mid-request); longer than any request may take.
         */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        /**
         * While Redis is unreachable, limit this process to {@code requestsPerSecond / replicas} instead of failing
         * closed; {@code replicas} is how many processes share the budget.
         */
        public Builder fallbackToLocalShare(int replicas) {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** Fail closed while Redis is unreachable (the default). */
        public Builder failClosed() {
            this.replicas = 0;
            return this;
        }

        /** Wall-clock nanoseconds and sleeping; every process sharing the bucket must count from the same origin. */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time must not be null");
            return this;
        }

        public RedisPermitSource build() {
            return new RedisPermitSource(this);
        }

        /**
         * Each action's own source from these settings (its budget keyed by the action's name), connected and
         * {@linkplain RedisPermitSource#checkSettings() checked} as it is made: what
         * {@code GmeRecording.Builder.permits} takes, so every action of every replica shares its quota.
         *
         * @return a factory that throws IllegalArgumentException (the source closed) when Redis refuses the settings
         */
        public Function<Action, PermitSource> perAction() {
            return each -> {
                RedisPermitSource source = action(each.apiName()).build();
                try {
                    source.checkSettings();
                } catch (IllegalArgumentException refused) {
                    source.close();
                    throw refused;
                }
                return source;
            };
        }

        /** A part of the keys' hash tag: text without braces or white space, which would break the tag. */
        private static String keyPart(String value, String name) {
            String checked = nonBlank(value, name);
            if (!checked.matches("[^{}\\s]{1,512}")) {
                throw new IllegalArgumentException(name + " must be at most 512 characters without braces or white "
                        + "space, got '" + checked + "'");
            }
            return checked;
        }

        private static String nonBlank(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank, got '" + value + "'");
            }
            return value;
        }

        private static Duration notNegative(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (notNegative(value, name).isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
