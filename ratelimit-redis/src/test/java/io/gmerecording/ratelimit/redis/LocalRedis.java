package io.gmerecording.ratelimit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real redis-server (from embedded-redis) on a free loopback port, which tests may stop and start again; shared
 * through this module's test-jar.
 */
public final class LocalRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private LocalRedis(int port) {
        this.port = port;
    }

    public static LocalRedis start() {
        LocalRedis redis = new LocalRedis(freePort());
        redis.restart();
        return redis;
    }

    /** Starts the server (again) on the same port. */
    public void restart() {
        try {
            server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    // a test server keeps nothing on disk
                    .setting("save \"\"").setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RedisLocation location() {
        return RedisLocation.parse("redis://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null && server.isActive()) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
