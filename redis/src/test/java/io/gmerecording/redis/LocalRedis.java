package io.gmerecording.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import redis.embedded.RedisServer;

/**
 * A real redis-server (from embedded-redis) on a free loopback port, which tests may stop and start again; shared
 * through this module's test-jar.
 */
public final class LocalRedis implements AutoCloseable {

    private final int port;
    private final String[] settings;
    private RedisServer server;
    private long pid;

    private LocalRedis(int port, String[] settings) {
        this.port = port;
        this.settings = settings.clone();
    }

    /** A server with these lines of redis.conf besides the test defaults, e.g. {@code "databases 4"}. */
    public static LocalRedis start(String... settings) {
        LocalRedis redis = new LocalRedis(freePort(), settings);
        redis.restart();
        return redis;
    }

    /** Starts the server (again) on the same port. */
    public void restart() {
        try {
            // a test server keeps nothing on disk
            var builder = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"")
                    .setting("appendonly no");
            for (String setting : settings) {
                builder.setting(setting);
            }
            server = builder.build();
            server.start();
            pid = askPid();
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

    /** Freezes the server process ({@code kill -STOP}): it keeps its connections but answers nothing. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused server go on ({@code kill -CONT}); what it received meanwhile runs now. */
    public void resume() {
        signal("-CONT");
    }

    /** One command on a connection of its own, e.g. {@code FLUSHALL} or {@code CONFIG SET}. */
    public String command(String... words) {
        try (RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
                StatefulRedisConnection<String, String> connection = client.connect()) {
            CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
            for (int i = 1; i < words.length; i++) {
                args.add(words[i]);
            }
            return String.valueOf(connection.sync().dispatch(CommandType.valueOf(words[0]),
                    new NestedMultiOutput<>(StringCodec.UTF8), args));
        }
    }

    private void signal(String which) {
        try {
            Process kill = new ProcessBuilder("kill", which, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + which + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's own process id, as it reports it (asked while it answers, so a paused one can be resumed). */
    private long askPid() {
        try (RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
                StatefulRedisConnection<String, String> connection = client.connect()) {
            String info = connection.sync().info("server");
            return Long.parseLong(info.lines().filter(line -> line.startsWith("process_id:")).findFirst()
                    .orElseThrow().substring("process_id:".length()).trim());
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
