package io.gmerecording.spring;

import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.PermitSource;
import io.gmerecording.ratelimit.redis.RedisLocation;
import io.gmerecording.ratelimit.redis.RedisPermitSource;
import java.time.Duration;

/** The only class that names ratelimit-redis, loaded only when gme.recording.shared-limit.uri is set. */
final class SharedLimits {

    private SharedLimits() {
    }

    static PermitSource open(GmeRecordingProperties.SharedLimit settings, double rate, Duration wait,
            CredentialsProvider credentials) {
        try {
            Class.forName("io.gmerecording.ratelimit.redis.RedisPermitSource", false,
                    SharedLimits.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw GmeRecordingAutoConfiguration.invalid("shared-limit.uri", settings.getUri(),
                    "add io.gmerecording:gme-recording-ratelimit-redis to the application");
        }
        RedisLocation location;
        try {
            location = RedisLocation.parse(settings.getUri());
        } catch (IllegalArgumentException e) {
            // the message shows the value without any password; so does the property's value here
            throw GmeRecordingAutoConfiguration.invalid("shared-limit.uri", "<see reason>", e.getMessage());
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
            builder = RedisPermitSource.builder(location, quotaKey).requestsPerSecond(rate).maxWait(wait);
        } catch (IllegalArgumentException e) {
            throw GmeRecordingAutoConfiguration.invalid("shared-limit.quota-key", quotaKey, e.getMessage());
        }
        GmeRecordingAutoConfiguration.set("shared-limit.redis-timeout", settings.getRedisTimeout(),
                () -> builder.redisTimeout(settings.getRedisTimeout()));
        GmeRecordingAutoConfiguration.set("shared-limit.key-prefix", settings.getKeyPrefix(),
                () -> builder.keyPrefix(settings.getKeyPrefix()));
        GmeRecordingAutoConfiguration.set("shared-limit.fallback-replicas", settings.getFallbackReplicas(),
                () -> builder.fallbackToLocalShare(settings.getFallbackReplicas()));
        RedisPermitSource source = builder.build();
        try {
            // a password, database or TLS that Redis refuses fails start-up, not every request
            source.checkSettings();
        } catch (IllegalArgumentException e) {
            source.close();
            throw GmeRecordingAutoConfiguration.invalid("shared-limit.uri", location.toString(), e.getMessage());
        }
        return source;
    }
}
