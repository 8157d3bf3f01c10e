package io.gmerecording.redis;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.StoredTask;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackedTaskStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Tracked tasks kept in Redis and shared by every replica that names the same store: the {@link TrackedTaskStore}
 * contract, each step one Lua script, so no replica ever sees half of a change.
 *
 * <p>Eight keys, all with one hash tag ({@code {name}}), so that under Redis Cluster they live in one slot and every
 * script runs on one node: the tasks (a hash: task to target, tracked since, deadline, last status, since when), their
 * holders (a hash: task to replica), the replicas' leases (a sorted set: replica to when its lease lapses), the hints
 * for held tasks (a hash), the ends not acknowledged yet (a hash: end id to the end, as JSON) with their delivery
 * times (a sorted set), the counter the end ids come from, and the replicas whose tasks were all taken over (a sorted
 * set, kept a day, so that one coming back learns it). None has a TTL: an {@code allkeys-*} eviction policy
 * could drop tracked tasks, so use {@code noeviction} or a {@code volatile-*} policy.
 *
 * <p>Times are this process's wall clock (milliseconds since the epoch), as for the shared budget: keep the replicas'
 * clocks in sync (NTP); the lease (30 s by default) is far longer than any skew it has to cover. When Redis does not
 * answer within {@code redisTimeout}, a call throws {@link TrackedTaskStore.Unavailable} and the tracker pauses; the
 * connection comes back by itself.
 */
public final class RedisTrackedTaskStore implements TrackedTaskStore {

    /** The start of every key unless told otherwise. */
    public static final String DEFAULT_KEY_PREFIX = "gme-recording:tracker";
    /** The store's name unless told otherwise: trackers that share tasks name the same store. */
    public static final String DEFAULT_NAME = "default";

    private static final String SCRIPT_HEAD = String.join("\n",
            "local tasks, holders, leases, hints, ends, delivery, counter, lapsed = "
                    + "KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]", "");
    /** How long a replica whose tasks were all taken over is remembered, to tell it so if it comes back. */
    private static final long LAPSED_REMEMBERED_MILLIS = Duration.ofDays(1).toMillis();
    /** ARGV: now, lease, replica, task, stored task. A replica whose lease lapsed keeps it lapsed (renew says so). */
    private static final String ADD = SCRIPT_HEAD + String.join("\n",
            "if redis.call('HEXISTS', tasks, ARGV[4]) == 1 then return 0 end",
            "redis.call('HSET', tasks, ARGV[4], ARGV[5])",
            "redis.call('HSET', holders, ARGV[4], ARGV[3])",
            "redis.call('ZADD', leases, 'NX', tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[3])",
            "return 1");
    /** ARGV: replica, then task and stored task pairs. Answers the tasks the replica no longer holds. */
    private static final String UPDATE = SCRIPT_HEAD + String.join("\n",
            "local lost = {}",
            "for i = 2, #ARGV, 2 do",
            "  if redis.call('HGET', holders, ARGV[i]) == ARGV[1] then",
            "    redis.call('HSET', tasks, ARGV[i], ARGV[i + 1])",
            "  else table.insert(lost, ARGV[i]) end",
            "end",
            "return lost");
    /** ARGV: now, lease, replica. Answers 0 when the lease had lapsed (its tasks may be gone, all of them even). */
    private static final String RENEW = SCRIPT_HEAD + String.join("\n",
            "local now = tonumber(ARGV[1])",
            "local old = redis.call('ZSCORE', leases, ARGV[3])",
            "local forgotten = redis.call('ZREM', lapsed, ARGV[3])",
            "redis.call('ZADD', leases, now + tonumber(ARGV[2]), ARGV[3])",
            "if forgotten == 1 or (old and tonumber(old) < now) then return 0 end",
            "return 1");
    /** ARGV: replica. */
    private static final String HELD = SCRIPT_HEAD + String.join("\n",
            "local all, mine = redis.call('HGETALL', holders), {}",
            "for i = 1, #all, 2 do if all[i + 1] == ARGV[1] then table.insert(mine, all[i]) end end",
            "return mine");
    /**
     * ARGV: now, lease, replica, max, how long a lapsed replica is remembered. Moves up to max tasks of replicas whose
     * lease lapsed to this one; a lapsed replica left with none leaves the leases for the lapsed (so that it learns
     * so if it comes back). Answers task and stored task pairs.
     */
    private static final String TAKE_OVER = SCRIPT_HEAD + String.join("\n",
            "local now, max = tonumber(ARGV[1]), tonumber(ARGV[4])",
            "local expired, dead, any = redis.call('ZRANGEBYSCORE', leases, '-inf', '(' .. ARGV[1]), {}, false",
            "for _, replica in ipairs(expired) do",
            "  if replica ~= ARGV[3] then dead[replica] = true; any = true end",
            "end",
            "if not any then return {} end",
            "local all, taken, count, complete = redis.call('HGETALL', holders), {}, 0, true",
            "for i = 1, #all, 2 do",
            "  if dead[all[i + 1]] then",
            "    if count >= max then complete = false; break end",
            "    redis.call('HSET', holders, all[i], ARGV[3])",
            "    table.insert(taken, all[i]); table.insert(taken, redis.call('HGET', tasks, all[i]))",
            "    count = count + 1",
            "  end",
            "end",
            "if complete then",
            "  for replica in pairs(dead) do",
            "    redis.call('ZREM', leases, replica); redis.call('ZADD', lapsed, now, replica)",
            "  end",
            "  redis.call('ZREMRANGEBYSCORE', lapsed, '-inf', now - tonumber(ARGV[5]))",
            "end",
            "redis.call('ZADD', leases, 'NX', now + tonumber(ARGV[2]), ARGV[3])",
            "return taken");
    /** ARGV: now, delivery time, replica, task, the end. Answers the end's id, or false when the replica holds none. */
    private static final String END = SCRIPT_HEAD + String.join("\n",
            "if redis.call('HGET', holders, ARGV[4]) ~= ARGV[3] then return false end",
            "redis.call('HDEL', tasks, ARGV[4]); redis.call('HDEL', holders, ARGV[4])",
            "redis.call('HDEL', hints, ARGV[4])",
            "local id = ARGV[4] .. ':' .. redis.call('INCR', counter)",
            "redis.call('HSET', ends, id, ARGV[5])",
            "redis.call('ZADD', delivery, tonumber(ARGV[1]) + tonumber(ARGV[2]), id)",
            "return id");
    /** ARGV: task. */
    private static final String REMOVE = SCRIPT_HEAD + String.join("\n",
            "local removed = redis.call('HDEL', tasks, ARGV[1])",
            "redis.call('HDEL', holders, ARGV[1]); redis.call('HDEL', hints, ARGV[1])",
            "return removed");
    /** ARGV: task, announced status, most kept. Keeps the newest hints of a task, up to most. */
    private static final String HINT = SCRIPT_HEAD + String.join("\n",
            "if redis.call('HEXISTS', tasks, ARGV[1]) == 0 then return 0 end",
            "local kept, parts = redis.call('HGET', hints, ARGV[1]), {}",
            "if kept then for s in string.gmatch(kept, '[^,]+') do table.insert(parts, s) end end",
            "table.insert(parts, ARGV[2])",
            "while #parts > tonumber(ARGV[3]) do table.remove(parts, 1) end",
            "redis.call('HSET', hints, ARGV[1], table.concat(parts, ','))",
            "return 1");
    /** ARGV: replica. Answers task and hints pairs, taken. */
    private static final String TAKE_HINTS = SCRIPT_HEAD + String.join("\n",
            "local all, mine = redis.call('HGETALL', hints), {}",
            "for i = 1, #all, 2 do",
            "  if redis.call('HGET', holders, all[i]) == ARGV[1] then",
            "    table.insert(mine, all[i]); table.insert(mine, all[i + 1]); redis.call('HDEL', hints, all[i])",
            "  end",
            "end",
            "return mine");
    /** ARGV: now, delivery time, max. Answers id and end pairs, each now due again one delivery time later. */
    private static final String UNDELIVERED = SCRIPT_HEAD + String.join("\n",
            "local now, out = tonumber(ARGV[1]), {}",
            "for _, id in ipairs(redis.call('ZRANGEBYSCORE', delivery, '-inf', '(' .. ARGV[1], 'LIMIT', 0, "
                    + "tonumber(ARGV[3]))) do",
            "  local found = redis.call('HGET', ends, id)",
            "  if found then",
            "    redis.call('ZADD', delivery, now + tonumber(ARGV[2]), id)",
            "    table.insert(out, id); table.insert(out, found)",
            "  else redis.call('ZREM', delivery, id) end",
            "end",
            "return out");
    /** ARGV: id. */
    private static final String ACKNOWLEDGE = SCRIPT_HEAD + String.join("\n",
            "redis.call('HDEL', ends, ARGV[1]); redis.call('ZREM', delivery, ARGV[1])",
            "return 1");
    /** ARGV: now, replica. Ends the replica's lease now, so that others take its tasks over at once. */
    private static final String HAND_OVER = SCRIPT_HEAD + String.join("\n",
            "redis.call('ZADD', leases, 'XX', tonumber(ARGV[1]) - 1, ARGV[2])",
            "return 1");
    /** Hints kept per task between two rounds of its holder: the newest. */
    private static final int HINTS_KEPT = 8;
    /** Between two attempts to reconnect: short, since tracking pauses while the store is away. */
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(500);

    private final RedisLocation location;
    private final boolean cluster;
    private final String[] keys;
    private final String replica;
    private final long leaseMillis;
    private final long deliveryMillis;
    private final Duration redisTimeout;
    private final Clock clock;
    private final String description;
    private final boolean handOverOnClose;
    private final Object linkLock = new Object();
    private RedisConnector connector;
    private RedisConnector.Link link;
    private boolean closed;

    private RedisTrackedTaskStore(Builder builder) {
        this.location = builder.location;
        this.cluster = builder.cluster;
        String base = builder.keyPrefix + ":{" + builder.name + "}:";
        this.keys = new String[] {base + "tasks", base + "holders", base + "leases", base + "hints", base + "ends",
            base + "delivery", base + "end-counter", base + "lapsed"};
        this.replica = builder.replica;
        this.leaseMillis = builder.lease.toMillis();
        this.deliveryMillis = builder.deliveryTime.toMillis();
        this.redisTimeout = builder.redisTimeout;
        this.clock = builder.clock;
        this.handOverOnClose = builder.handOverOnClose;
        this.description = "RedisTrackedTaskStore[" + location + (cluster ? " (cluster)" : "") + ", store "
                + builder.name + ", replica " + replica + "]";
    }

    /** A store at {@code location} (its password, if any, never shown); see {@link Builder} for the defaults. */
    public static Builder builder(RedisLocation location) {
        return new Builder(location);
    }

    /** This replica's name in the store, as its tasks' holder. */
    public String replica() {
        return replica;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean add(StoredTask task) {
        return ((Long) run(ADD, ScriptOutputType.INTEGER, now(), leaseMillis, replica, TaskCodec.key(task.task()),
                TaskCodec.encode(task))) == 1L;
    }

    @Override
    public Set<TaskRef> update(Collection<StoredTask> changed) {
        if (changed.isEmpty()) {
            return new HashSet<>();
        }
        List<Object> args = new ArrayList<>();
        args.add(replica);
        for (StoredTask task : changed) {
            args.add(TaskCodec.key(task.task()));
            args.add(TaskCodec.encode(task));
        }
        Set<TaskRef> lost = new HashSet<>();
        for (Object key : (List<?>) run(UPDATE, ScriptOutputType.MULTI, args.toArray())) {
            lost.add(TaskCodec.task((String) key));
        }
        return lost;
    }

    @Override
    public boolean renew() {
        return ((Long) run(RENEW, ScriptOutputType.INTEGER, now(), leaseMillis, replica)) == 1L;
    }

    @Override
    public Set<TaskRef> held() {
        Set<TaskRef> held = new HashSet<>();
        for (Object key : (List<?>) run(HELD, ScriptOutputType.MULTI, replica)) {
            held.add(TaskCodec.task((String) key));
        }
        return held;
    }

    @Override
    public List<StoredTask> takeOver(int max) {
        List<?> pairs = (List<?>) run(TAKE_OVER, ScriptOutputType.MULTI, now(), leaseMillis, replica, max,
                LAPSED_REMEMBERED_MILLIS);
        List<StoredTask> taken = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            taken.add(TaskCodec.decode(TaskCodec.task((String) pairs.get(i)), (String) pairs.get(i + 1)));
        }
        return taken;
    }

    @Override
    public Optional<String> end(TaskEnd end) {
        Object id = run(END, ScriptOutputType.VALUE, now(), deliveryMillis, replica, TaskCodec.key(end.task()),
                EndCodec.encode(end));
        return Optional.ofNullable((String) id);
    }

    @Override
    public boolean remove(TaskRef task) {
        return ((Long) run(REMOVE, ScriptOutputType.INTEGER, TaskCodec.key(task))) == 1L;
    }

    @Override
    public boolean hint(TaskRef task, RecordStatus announced) {
        return ((Long) run(HINT, ScriptOutputType.INTEGER, TaskCodec.key(task), announced.name(), HINTS_KEPT)) == 1L;
    }

    @Override
    public Map<TaskRef, List<RecordStatus>> takeHints() {
        List<?> pairs = (List<?>) run(TAKE_HINTS, ScriptOutputType.MULTI, replica);
        Map<TaskRef, List<RecordStatus>> hints = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            List<RecordStatus> announced = new ArrayList<>();
            for (String name : ((String) pairs.get(i + 1)).split(",")) {
                announced.add(TaskCodec.status(name));
            }
            hints.put(TaskCodec.task((String) pairs.get(i)), announced);
        }
        return hints;
    }

    @Override
    public List<TaskEnd> takeUndelivered(int max) {
        List<?> pairs = (List<?>) run(UNDELIVERED, ScriptOutputType.MULTI, now(), deliveryMillis, max);
        List<TaskEnd> ends = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String id = (String) pairs.get(i);
            ends.add(EndCodec.decode(id, TaskCodec.task(id.substring(0, id.lastIndexOf(':'))),
                    (String) pairs.get(i + 1)));
        }
        return ends;
    }

    @Override
    public void acknowledge(String endId) {
        run(ACKNOWLEDGE, ScriptOutputType.INTEGER, Objects.requireNonNull(endId, "endId must not be null"));
    }

    @Override
    public int count() {
        return Math.toIntExact(answered(commands -> commands.hlen(keys[0])));
    }

    /**
     * Ends this replica's lease now, so that the other replicas take its tasks over at their next round rather than
     * after the lease: for a deploy or a scale-down, once its tracker is closed. Its tasks stay in Redis.
     */
    public void handOver() {
        run(HAND_OVER, ScriptOutputType.INTEGER, now(), replica);
    }

    /**
     * Closes the connection; the tasks stay in Redis, to be taken over once this replica's lease lapses (at once, with
     * {@link Builder#handOverOnClose()}, when Redis answers).
     */
    @Override
    public void close() {
        if (handOverOnClose) {
            try {
                handOver();
            } catch (Unavailable | IllegalStateException away) {
                // closed already, or Redis is away: the lease lapses by itself
            }
        }
        synchronized (linkLock) {
            closed = true;
            disconnect();
        }
    }

    private long now() {
        return clock.millis();
    }

    private Object run(String script, ScriptOutputType type, Object... args) {
        String[] values = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = String.valueOf(args[i]);
        }
        return answered(commands -> commands.eval(script, type, keys, values));
    }

    /** One call to Redis; one that gets no answer is {@link TrackedTaskStore.Unavailable}. */
    private <T> T answered(Function<RedisClusterCommands<String, String>, T> call) {
        try {
            return call.apply(commands());
        } catch (RedisException e) {
            throw new Unavailable(location + " did not answer: " + e.getMessage(), e);
        }
    }

    private RedisClusterCommands<String, String> commands() {
        synchronized (linkLock) {
            if (closed) {
                throw new IllegalStateException(description + " is closed");
            }
            if (link == null) {
                RedisConnector connecting = new RedisConnector(location, cluster, redisTimeout, RECONNECT_DELAY);
                try {
                    link = connecting.connect();
                } catch (RedisException e) {
                    connecting.close();
                    throw new Unavailable("cannot connect to " + location + ": " + e.getMessage(), e);
                }
                connector = connecting;
            }
            return link.sync();
        }
    }

    private void disconnect() {
        if (link != null) {
            link.close();
            connector.close();
        }
        link = null;
        connector = null;
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Defaults: store {@value #DEFAULT_NAME}, keys under {@value #DEFAULT_KEY_PREFIX}, a random replica name, a 30 s
     * lease, ends given to another replica 60 s after their delivery began unacknowledged, a 1 s Redis timeout, the
     * system clock, a single Redis (not a cluster).
     */
    public static final class Builder {
        private final RedisLocation location;
        private String name = DEFAULT_NAME;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private String replica = UUID.randomUUID().toString();
        private Duration lease = Duration.ofSeconds(30);
        private Duration deliveryTime = Duration.ofSeconds(60);
        private Duration redisTimeout = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private boolean cluster;
        private boolean handOverOnClose;

        private Builder(RedisLocation location) {
            this.location = Objects.requireNonNull(location, "location must not be null");
        }

        /** The store's name: trackers that share their tasks name the same one (letters, digits, {@code -_.}). */
        public Builder name(String name) {
            this.name = word(name, "name");
            return this;
        }

        public Builder keyPrefix(String prefix) {
            Objects.requireNonNull(prefix, "keyPrefix must not be null");
            if (prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
                throw new IllegalArgumentException("keyPrefix must be non-empty and hold no '{' or '}' (the hash tag "
                        + "is the store's name), got \"" + prefix + "\"");
            }
            this.keyPrefix = prefix;
            return this;
        }

        /** This replica's name as its tasks' holder (default random): a pod's name reads better in Redis. */
        public Builder replica(String replica) {
            this.replica = word(replica, "replica");
            return this;
        }

        /** How long after its last renewal a replica's tasks may be taken over; renewed every store period. */
        public Builder lease(Duration lease) {
            this.lease = atLeast(lease, Duration.ofSeconds(1), "lease");
            return this;
        }

        /** How long an end may go unacknowledged before another replica (or this one) delivers it again. */
        public Builder deliveryTime(Duration deliveryTime) {
            this.deliveryTime = atLeast(deliveryTime, Duration.ofMillis(1), "deliveryTime");
            return this;
        }

        /** How long a call waits for Redis before it is {@link TrackedTaskStore.Unavailable}. */
        public Builder redisTimeout(Duration timeout) {
            this.redisTimeout = atLeast(timeout, Duration.ofMillis(1), "redisTimeout");
            return this;
        }

        /** The wall clock leases and delivery times are read from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** The location is one node of a Redis Cluster (the others are found from it). */
        public Builder cluster() {
            this.cluster = true;
            return this;
        }

        /** {@link #close()} first {@linkplain RedisTrackedTaskStore#handOver() hands over}: for a deploy. */
        public Builder handOverOnClose() {
            this.handOverOnClose = true;
            return this;
        }

        public RedisTrackedTaskStore build() {
            return new RedisTrackedTaskStore(this);
        }

        private static String word(String value, String what) {
            Objects.requireNonNull(value, what + " must not be null");
            if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException(what + " must be 1 to 64 letters, digits, '.', '_' or '-', got \""
                        + value.replaceAll("[^\\x20-\\x7e]", "?") + "\"");
            }
            return value;
        }

        private static Duration atLeast(Duration value, Duration least, String what) {
            Objects.requireNonNull(value, what + " must not be null");
            if (value.compareTo(least) < 0) {
                throw new IllegalArgumentException(what + " must be at least " + least + ", got " + value);
            }
            return value;
        }
    }
}
