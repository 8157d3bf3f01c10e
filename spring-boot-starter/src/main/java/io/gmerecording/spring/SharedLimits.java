package io.gmerecording.spring;

import io.gmerecording.core.Action;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.redis.RedisLocation;
import io.gmerecording.redis.RedisPermitSource;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** The only class that names redis, loaded only when it is on the class path. */
final class SharedLimits {

    private SharedLimits() {
    }

    static Function<Action, PermitSource> perAction(GmeRecordingProperties properties,
            CredentialsProvider credentials, BiConsumer<Action, BooleanSupplier> reachability) {
        GmeRecordingProperties.SharedLimit settings = properties.getSharedLimit();
        RedisLocation location;
        try {
            location = RedisLocation.parse(settings.getUri());
        } catch (IllegalArgumentException e) {
            // the message shows the value without any password; so does the property's value here
            throw GmeRecordingProperties.invalid("shared-limit.uri", "<see reason>", e.getMessage());
        }
        String quotaKey = settings.getQuotaKey();
        if (quotaKey == null || quotaKey.isBlank()) {
            try {
                quotaKey = credentials.quotaKey();
            } catch (RecordingQueryException e) {
                throw new IllegalStateException("gme.recording.shared-limit.uri needs a quota key to name its budget "
                        + "(gme.recording.shared-limit.quota-key, or the credentials'), and no credentials were "
                        + "found: " + e.getMessage(), e);
            }
        }
        RedisPermitSource.Builder builder;
        try {
            builder = RedisPermitSource.builder(location, quotaKey)
                    .requestsPerSecond(properties.getMaxRequestsPerSecond()).maxWait(properties.getMaxRateLimitWait());
        } catch (IllegalArgumentException e) {
            throw GmeRecordingProperties.invalid("shared-limit.quota-key", quotaKey, e.getMessage());
        }
        GmeRecordingProperties.set("shared-limit.redis-timeout", settings.getRedisTimeout(),
                () -> builder.redisTimeout(settings.getRedisTimeout()));
        GmeRecordingProperties.set("shared-limit.key-prefix", settings.getKeyPrefix(),
                () -> builder.keyPrefix(settings.getKeyPrefix()));
        GmeRecordingProperties.set("shared-limit.fallback-replicas", settings.getFallbackReplicas(),
                () -> builder.fallbackToLocalShare(settings.getFallbackReplicas()));
        Function<Action, PermitSource> sources = builder.perAction();
        return action -> {
            try {
                // a password, database or TLS that Redis refuses fails start-up, not every request
                PermitSource source = sources.apply(action);
                if (source instanceof RedisPermitSource) {
                    reachability.accept(action, () -> answers((RedisPermitSource) source));
                }
                return source;
            } catch (IllegalArgumentException e) {
                throw GmeRecordingProperties.invalid("shared-limit.uri", location.toString(), e.getMessage());
            }
        };
    }

    /** Whether the budget's Redis answers a ping now (within its timeout); a refused setting is not an answer. */
    private static boolean answers(RedisPermitSource source) {
        try {
            return source.checkSettings();
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
