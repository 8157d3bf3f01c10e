package io.gmerecording.spring;

import io.gmerecording.redis.RedisLocation;
import io.gmerecording.redis.RedisTrackedTaskStore;

/** The only class that names the Redis tracked-task store, loaded only when gme-recording-redis is there. */
final class TrackedStores {

    private TrackedStores() {
    }

    /** The store the properties name; closing it hands this replica's tasks over to the others (a deploy). */
    static RedisTrackedTaskStore open(GmeRecordingProperties.Store settings) {
        RedisLocation location;
        try {
            location = RedisLocation.parse(settings.getUri());
        } catch (IllegalArgumentException e) {
            // the message shows the value without any password; so does the property's value here
            throw GmeRecordingProperties.invalid("tracker.store.uri", "<see reason>", e.getMessage());
        }
        RedisTrackedTaskStore.Builder builder = RedisTrackedTaskStore.builder(location).handOverOnClose();
        GmeRecordingProperties.set("tracker.store.name", settings.getName(), () -> builder.name(settings.getName()));
        String replica = settings.getReplica() != null ? settings.getReplica() : System.getenv("HOSTNAME");
        if (replica != null && (settings.getReplica() != null || replica.matches("[A-Za-z0-9._-]{1,64}"))) {
            GmeRecordingProperties.set("tracker.store.replica", replica, () -> builder.replica(replica));
        }
        GmeRecordingProperties.set("tracker.store.lease", settings.getLease(), () -> builder.lease(settings.getLease()));
        GmeRecordingProperties.set("tracker.store.delivery-time", settings.getDeliveryTime(),
                () -> builder.deliveryTime(settings.getDeliveryTime()));
        GmeRecordingProperties.set("tracker.store.redis-timeout", settings.getRedisTimeout(),
                () -> builder.redisTimeout(settings.getRedisTimeout()));
        if (settings.isCluster()) {
            builder.cluster();
        }
        return builder.build();
    }
}
