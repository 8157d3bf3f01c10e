package io.gmerecording.cli;

import io.gmerecording.core.Action;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.redis.RedisLocation;
import io.gmerecording.redis.RedisPermitSource;
import io.gmerecording.redis.RedisTrackedTaskStore;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the command line keeps in Redis: {@code --shared-limit}, an action's budget shared by every process with the
 * same quota key, and {@code --store}, the tasks a watch tracks.
 */
final class SharedLimit {

    // strong references: java.util.logging keeps loggers weakly, and a collected logger loses its level
    private static final Logger LETTUCE = Logger.getLogger("io.lettuce");
    private static final Logger NETTY = Logger.getLogger("io.netty");

    private SharedLimit() {
    }

    /** Each action's budget in Redis; @throws IllegalArgumentException naming a bad location or quota key */
    static Function<Action, PermitSource> perAction(String location, String quotaKey, double requestsPerSecond,
            Integer fallbackReplicas, Duration maxWait, Duration redisTimeout) {
        RedisPermitSource.Builder builder;
        try {
            builder = RedisPermitSource.builder(RedisLocation.parse(location), quotaKey);
        } catch (IllegalArgumentException e) {
            // the location is parsed first; the builder's own message names the quota key
            boolean quota = String.valueOf(e.getMessage()).startsWith("quotaKey");
            throw new IllegalArgumentException((quota ? "--quota-key: " : "--shared-limit: ") + e.getMessage(), e);
        }
        quietRedisClient();
        builder.requestsPerSecond(requestsPerSecond).maxWait(maxWait).redisTimeout(redisTimeout);
        if (fallbackReplicas != null) {
            builder.fallbackToLocalShare(fallbackReplicas);
        }
        Function<Action, PermitSource> sources = builder.perAction();
        return action -> {
            try {
                // a password, database or TLS that Redis refuses is a usage error now, not a refusal of every request
                return sources.apply(action);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--shared-limit: " + e.getMessage(), e);
            }
        };
    }

    /** {@code --store}: the tasks in Redis, handed over to the next watch when this one ends. */
    static RedisTrackedTaskStore taskStore(String location, String name, Duration redisTimeout) {
        RedisTrackedTaskStore.Builder builder;
        try {
            builder = RedisTrackedTaskStore.builder(RedisLocation.parse(location));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--store: " + e.getMessage(), e);
        }
        try {
            builder.name(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--store-name: " + e.getMessage(), e);
        }
        quietRedisClient();
        return builder.redisTimeout(redisTimeout).handOverOnClose().build();
    }

    /** The client's own reconnection chatter would bury our one line about Redis being away. */
    private static void quietRedisClient() {
        LETTUCE.setLevel(Level.SEVERE);
        NETTY.setLevel(Level.SEVERE);
    }
}
