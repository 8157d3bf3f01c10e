package io.gmerecording.ratelimit.redis;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.ThrottledException;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.core.policy.RateLimiter;
import io.gmerecording.core.policy.TimeSource;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One request budget for every process that reaches the same Redis: a token bucket (Bucket4j over Lettuce) keyed by
 * the account (SecretId) and the action, so six replicas with the same credentials share 20 requests per second
 * instead of sending 120.
 *
 * <p>Two rules, both kept in Redis. Pacing: one token every {@code (1 s + margin) / N} (the Bucket4j bucket), so
 * requests are spread evenly. Window: a request takes one of N places, held while it is in flight and for one window
 * (1 s + margin) after it finished, and waits while none is free. The service counts requests by arrival in any
 * one-second window, and a request arrives between its start and its finish, so however late a granted request
 * reaches the service (a cold process's first request can take hundreds of milliseconds), no second of arrivals can
 * hold more than N. The margin (50 ms by default) covers the difference between the replicas' clocks: keep them
 * synchronised (NTP), as for any shared bucket. A place whose process dies mid-request frees itself when its lease
 * (60 s by default) ends.
 *
 * <p>When Redis cannot be reached (down, refused, slower than {@code redisTimeout}): by default the source fails
 * closed, refusing each request with a {@link io.gmerecording.core.error.ThrottledException}
 * ({@code Client.SharedLimitUnavailable}) at once, never later than the wait bound. With
 * {@link Builder#fallbackToLocalShare(int)} it instead limits this process to {@code N / replicas} requests per second
 * until Redis answers again; it starts one window (1 s + margin) after Redis was found unreachable, so the shared
 * requests already sent and the fallback's never share a second, and when Redis is back the requests the process sent
 * on its own in the last window are taken from the shared bucket before its next one. Either way the flow of requests
 * stays bounded. The connection reconnects by itself; a
 * source that could not connect at all tries again at most once per {@code reconnectDelay}.
 */
public final class RedisPermitSource implements PermitSource, AutoCloseable {

    /** The action whose quota the bucket guards unless told otherwise. */
    public static final String DEFAULT_ACTION = "DescribeRecordInfo";
    /** The start of every bucket's key unless told otherwise. */
    public static final String DEFAULT_KEY_PREFIX = "gme-recording:ratelimit";

    private static final System.Logger LOG = System.getLogger(RedisPermitSource.class.getName());
    private static final long IN_FLIGHT_POLL_NANOS = 10_000_000L;
    /**
     * KEYS[1] the window; ARGV: now, window length, places, lease (microseconds), this request's member, key TTL (ms).
     * Drops places that finished (or whose lease ended) over a window ago; takes one when fewer than the allowed
     * number remain (answering -1), else answers the score of the oldest: its finish, or its lease's end if in flight.
     */
    private static final String ENTER_WINDOW = String.join("\n",
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))",
            "if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then",
            "  redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[4]), ARGV[5])",
            "  redis.call('PEXPIRE', KEYS[1], ARGV[6])",
            "  return -1",
            "end",
            "return tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])");

    private final RedisLocation location;
    private final String key;
    private final String windowKey;
    private final int perWindow;
    private final long leaseNanos;
    private final String memberPrefix;
    private final AtomicLong permitCount = new AtomicLong();
    private final double requestsPerSecond;
    private final long maxWaitNanos;
    private final Duration redisTimeout;
    private final long reconnectDelayNanos;
    private final TimeSource time;
    private final RateLimiter fallback;
    private final int replicas;
    private final BucketConfiguration configuration;
    private final ClientResources resources;
    private final RedisClient client;
    private final BlockingStrategy parker;
    private final Object linkLock = new Object();
    private volatile Link link;
    private long nextConnectAttempt;
    private final long windowNanos;
    private final ArrayDeque<Long> fallbackGrants = new ArrayDeque<>();
    private volatile boolean unavailable;
    private volatile long fallbackFrom;
    private volatile boolean closed;

    /** A live connection and the bucket bound to it. */
    private static final class Link {
        final StatefulRedisConnection<String, byte[]> connection;
        final BucketProxy bucket;

        Link(StatefulRedisConnection<String, byte[]> connection, BucketProxy bucket) {
            this.connection = connection;
            this.bucket = bucket;
        }
    }

    private RedisPermitSource(Builder builder) {
        this.location = builder.location;
        this.key = builder.keyPrefix + ":" + builder.action + ":" + builder.account;
        this.windowKey = key + ":window";
        this.perWindow = (int) Math.max(1, Math.floor(builder.requestsPerSecond));
        this.leaseNanos = builder.lease.toNanos();
        this.memberPrefix = UUID.randomUUID() + ":";
        this.requestsPerSecond = builder.requestsPerSecond;
        this.maxWaitNanos = builder.maxWait.toNanos();
        // a Redis that does not answer must not hold a caller longer than its wait bound
        this.redisTimeout = builder.maxWait.isZero() || builder.maxWait.compareTo(builder.redisTimeout) >= 0
                ? builder.redisTimeout : builder.maxWait;
        this.reconnectDelayNanos = builder.reconnectDelay.toNanos();
        this.time = builder.time;
        this.replicas = builder.replicas;
        this.fallback = builder.replicas == 0 ? null
                : RateLimiter.perSecond(builder.requestsPerSecond / builder.replicas).maxWait(builder.maxWait)
                        .timeSource(builder.time).build();
        this.windowNanos = 1_000_000_000L + builder.margin.toNanos();
        long intervalNanos = (long) Math.ceil(windowNanos / builder.requestsPerSecond);
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(intervalNanos)).build())
                .build();
        this.resources = ClientResources.builder().reconnectDelay(Delay.constant(builder.reconnectDelay)).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while reconnecting, a command fails at once instead of queueing: callers must not wait on Redis
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(redisTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(redisTimeout).build())
                .build());
        this.parker = nanos -> time.sleep(Duration.ofNanos(nanos));
        this.nextConnectAttempt = time.nanoTime();
    }

    /**
     * A source for the account {@code secretId} at {@code location}; the SecretId only names the bucket (it is not a
     * secret; the SecretKey is never needed here).
     */
    public static Builder builder(RedisLocation location, String secretId) {
        return new Builder(location, secretId);
    }

    /**
     * Blocks until the shared budget allows one request, for at most the wait bound.
     *
     * @throws io.gmerecording.core.error.ThrottledException {@code Client.RateLimitWaitExceeded} when the wait would
     *     exceed the bound; {@code Client.SharedLimitUnavailable} when Redis cannot be reached and the source fails
     *     closed
     */
    @Override
    public PermitSource.Permit acquire() {
        if (closed) {
            throw ErrorCodes.exception(ErrorCodes.CLIENT_CLOSED, "the shared rate limit was closed", null);
        }
        Link current = link();
        if (current == null || !current.connection.isOpen()) {
            return whenUnavailable(current == null ? "not connected" : "the connection is down, reconnecting");
        }
        long deadline = time.nanoTime() + maxWaitNanos;
        String member;
        try {
            recordFallbackGrants(current);
            if (!current.bucket.asBlocking().tryConsume(1, maxWaitNanos, parker)) {
                throw waitExceeded("its pacing");
            }
            member = enterWindow(current, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCodes.interrupted("interrupted while waiting for the shared rate limit", e);
        } catch (RecordingQueryException e) {
            throw e;
        } catch (RuntimeException redisFailure) {
            return whenUnavailable(describe(redisFailure));
        }
        if (unavailable) {
            unavailable = false;
            LOG.log(System.Logger.Level.INFO, "the shared rate limit at {0} is reachable again", location);
        }
        return new SharedPermit(current, member);
    }

    /**
     * Takes a place in the shared window: waits until fewer than N requests are in flight or finished within the last
     * window, then adds this one as in flight (with a lease, in case its process dies before releasing it).
     */
    private String enterWindow(Link current, long deadline) throws InterruptedException {
        String member = memberPrefix + permitCount.incrementAndGet();
        while (true) {
            long now = time.nanoTime();
            Long earliest = current.connection.sync().eval(ENTER_WINDOW, ScriptOutputType.INTEGER,
                    new String[] {windowKey}, bytes(micros(now)), bytes(windowNanos / 1000), bytes(perWindow),
                    bytes(leaseNanos / 1000), bytes(member), bytes(2 * (leaseNanos + windowNanos) / 1_000_000));
            if (earliest < 0) {
                return member;
            }
            long earliestNanos = earliest * 1000;
            // the oldest place is still in flight: ask again soon; otherwise it frees one window after it finished
            long retryAt = earliestNanos - now > 0 ? now + IN_FLIGHT_POLL_NANOS : earliestNanos + windowNanos;
            if (retryAt - deadline > 0) {
                throw waitExceeded("its one-second window");
            }
            time.sleepUntil(retryAt);
        }
    }

    /** A place in the shared window, marked finished when released. */
    private final class SharedPermit implements PermitSource.Permit {
        private final Link link;
        private final String member;
        private final AtomicBoolean released = new AtomicBoolean();

        SharedPermit(Link link, String member) {
            this.link = link;
            this.member = member;
        }

        @Override
        public void release() {
            if (!released.compareAndSet(false, true) || !link.connection.isOpen()) {
                return; // an unreleased place frees itself when its lease ends
            }
            try {
                link.connection.async().zadd(windowKey, ZAddArgs.Builder.xx(), micros(time.nanoTime()),
                        bytes(member));
            } catch (RuntimeException redisFailure) {
                LOG.log(System.Logger.Level.DEBUG, "cannot release a place in {0}: {1}", location,
                        describe(redisFailure));
            }
        }
    }

    private ThrottledException waitExceeded(String what) {
        return (ThrottledException) ErrorCodes.exception(ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED,
                "the shared rate limit of " + requestsPerSecond + " requests per second at " + location
                        + " would make this request wait more than maxWait " + maxWaitNanos / 1_000_000 + " ms for "
                        + what, null);
    }

    private static long micros(long nanos) {
        return nanos / 1000;
    }

    private static byte[] bytes(long value) {
        return bytes(Long.toString(value));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Back on Redis after using the fallback: the requests this process sent on its own within the last window enter
     * the shared window as finished then, so those and the shared ones never add up to more than the budget.
     */
    private void recordFallbackGrants(Link current) {
        List<Long> recent;
        synchronized (fallbackGrants) {
            long now = time.nanoTime();
            fallbackGrants.removeIf(grantedAt -> now - grantedAt >= windowNanos);
            recent = new ArrayList<>(fallbackGrants);
            fallbackGrants.clear();
        }
        for (long grantedAt : recent) {
            current.connection.sync().zadd(windowKey, micros(grantedAt),
                    bytes(memberPrefix + "fallback-" + permitCount.incrementAndGet()));
        }
    }

    private PermitSource.Permit whenUnavailable(String reason) {
        if (!unavailable) {
            unavailable = true;
            // the shared requests of the last window may still be arriving: the fallback starts one window later
            fallbackFrom = time.nanoTime() + windowNanos;
            LOG.log(System.Logger.Level.WARNING, "the shared rate limit at {0} is unavailable ({1}); {2}", location,
                    reason, fallback == null ? "failing closed" : "limiting this process to " + fallbackRate()
                            + " requests per second until it is back");
        }
        if (fallback == null) {
            throw ErrorCodes.exception(ErrorCodes.CLIENT_SHARED_LIMIT_UNAVAILABLE, "the shared rate limit at "
                    + location + " is unavailable (" + reason + "); failing closed, so no request was sent", null);
        }
        long now = time.nanoTime();
        if (now - fallbackFrom < 0) {
            if (fallbackFrom - now > maxWaitNanos) {
                throw ErrorCodes.exception(ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED, "the shared rate limit at "
                        + location + " is unavailable (" + reason + ") and its fallback starts in "
                        + (fallbackFrom - now) / 1_000_000 + " ms, more than maxWait " + maxWaitNanos / 1_000_000
                        + " ms", null);
            }
            try {
                time.sleepUntil(fallbackFrom);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ErrorCodes.interrupted("interrupted while waiting for the fallback rate limit", e);
            }
        }
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

    /** The live link, connecting first when there is none and the last attempt is long enough ago. */
    private Link link() {
        Link current = link;
        if (current != null) {
            return current;
        }
        synchronized (linkLock) {
            if (link != null || closed || time.nanoTime() - nextConnectAttempt < 0) {
                return link;
            }
            nextConnectAttempt = time.nanoTime() + reconnectDelayNanos;
            try {
                StatefulRedisConnection<String, byte[]> connection = client.connect(
                        RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), location.toRedisUri(redisTimeout));
                BucketProxy bucket = Bucket4jLettuce.casBasedBuilder(connection)
                        .clientClock(new TimeMeter() {
                            @Override
                            public long currentTimeNanos() {
                                return time.nanoTime();
                            }

                            @Override
                            public boolean isWallClockBased() {
                                return true;
                            }
                        })
                        .expirationAfterWrite(ExpirationAfterWriteStrategy
                                .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                        .build()
                        .builder()
                        .build(key, () -> configuration);
                link = new Link(connection, bucket);
            } catch (RuntimeException connectFailure) {
                LOG.log(System.Logger.Level.DEBUG, "cannot connect to {0}: {1}", location, describe(connectFailure));
            }
            return link;
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Whether the last request found Redis unreachable (for tests and health checks). */
    public boolean isUnavailable() {
        return unavailable;
    }

    /** Closes the connection and the client's threads; later calls to {@link #acquire()} fail. */
    @Override
    public void close() {
        closed = true;
        synchronized (linkLock) {
            if (link != null) {
                link.connection.close();
                link = null;
            }
        }
        client.shutdown(0, redisTimeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        resources.shutdown(0, redisTimeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "RedisPermitSource[" + requestsPerSecond + "/s shared at " + location + ", "
                + (fallback == null ? "fails closed" : "falls back to " + fallbackRate() + "/s") + "]";
    }

    /**
     * Defaults: 20 requests per second, action {@value #DEFAULT_ACTION}, key prefix {@value #DEFAULT_KEY_PREFIX},
     * maxWait 60 s, Redis timeout 500 ms, reconnect every second, margin 50 ms, fail closed, the system's wall clock.
     */
    public static final class Builder {
        private final RedisLocation location;
        private final String account;
        private double requestsPerSecond = 20;
        private String action = DEFAULT_ACTION;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration maxWait = Duration.ofSeconds(60);
        private Duration redisTimeout = Duration.ofMillis(500);
        private Duration reconnectDelay = Duration.ofSeconds(1);
        private Duration margin = Duration.ofMillis(50);
        private Duration lease = Duration.ofSeconds(60);
        private int replicas;
        private TimeSource time = EpochTime.INSTANCE;

        private Builder(RedisLocation location, String secretId) {
            this.location = Objects.requireNonNull(location, "location must not be null");
            this.account = nonBlank(secretId, "secretId");
        }

        /** The budget every process sharing the bucket divides: the account's quota for the action. */
        public Builder requestsPerSecond(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("requestsPerSecond must be a positive number, got " + rate);
            }
            this.requestsPerSecond = rate;
            return this;
        }

        public Builder action(String action) {
            this.action = nonBlank(action, "action");
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

        /** How long one Redis command or connection attempt may take before Redis counts as unreachable. */
        public Builder redisTimeout(Duration timeout) {
            this.redisTimeout = positive(timeout, "redisTimeout");
            return this;
        }

        /** The pause between reconnection attempts while Redis is unreachable. */
        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = positive(delay, "reconnectDelay");
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
