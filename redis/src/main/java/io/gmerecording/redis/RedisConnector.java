package io.gmerecording.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the shared budget and the tracked-task store reach Redis, a single server or a Cluster (found from one node):
 * reconnecting by itself at a fixed delay, every command bounded by the timeout, and a command sent while the
 * connection is down failing at once rather than queueing (the caller decides whether to try again).
 */
final class RedisConnector implements AutoCloseable {

    private final RedisURI uri;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient single;
    private final RedisClusterClient cluster;

    RedisConnector(RedisLocation location, boolean cluster, Duration timeout, Duration reconnectDelay) {
        this.uri = location.toRedisUri(timeout);
        this.timeout = timeout;
        this.resources = ClientResources.builder().reconnectDelay(Delay.constant(reconnectDelay)).build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(timeout).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(timeout);
        if (cluster) {
            this.single = null;
            this.cluster = RedisClusterClient.create(resources, uri);
            this.cluster.setOptions(ClusterClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(timeouts).socketOptions(socket).build());
        } else {
            this.cluster = null;
            this.single = RedisClient.create(resources);
            this.single.setOptions(ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(timeouts).socketOptions(socket).build());
        }
    }

    /** @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses the connection */
    Link connect() {
        if (cluster != null) {
            StatefulRedisClusterConnection<String, String> connection = cluster.connect(StringCodec.UTF8);
            return new Link(connection, connection.sync(), connection.async());
        }
        StatefulRedisConnection<String, String> connection = single.connect(StringCodec.UTF8, uri);
        return new Link(connection, connection.sync(), connection.async());
    }

    /** Lets go of the client's threads, waiting a little for what is in flight. */
    @Override
    public void close() {
        long quietMillis = timeout.toMillis() + 2000;
        if (cluster != null) {
            cluster.shutdown(0, quietMillis, TimeUnit.MILLISECONDS);
        } else {
            single.shutdown(0, quietMillis, TimeUnit.MILLISECONDS);
        }
        resources.shutdown(0, quietMillis, TimeUnit.MILLISECONDS);
    }

    /** One connection, with the commands both a server and a Cluster answer. */
    static final class Link implements AutoCloseable {
        private final StatefulConnection<String, String> connection;
        private final RedisClusterCommands<String, String> sync;
        private final RedisClusterAsyncCommands<String, String> async;

        private Link(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
                RedisClusterAsyncCommands<String, String> async) {
            this.connection = connection;
            this.sync = sync;
            this.async = async;
        }

        RedisClusterCommands<String, String> sync() {
            return sync;
        }

        RedisClusterAsyncCommands<String, String> async() {
            return async;
        }

        boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
