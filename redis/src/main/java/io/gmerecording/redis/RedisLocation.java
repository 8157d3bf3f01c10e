package io.gmerecording.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the shared budget lives: {@code redis://HOST:PORT[/DB]} (or {@code rediss://} for TLS), optionally with a
 * password as {@code redis://:PASSWORD@HOST:PORT}. Checked when parsed, so a bad value is reported by name before any
 * connection is tried; {@link #toString()} never shows the password.
 */
public final class RedisLocation {

    private static final int DATABASES = 16;

    private final URI uri;
    private final String host;
    private final int port;
    private final int database;
    private final boolean tls;

    private RedisLocation(URI uri, String host, int port, int database, boolean tls) {
        this.uri = uri;
        this.host = host;
        this.port = port;
        this.database = database;
        this.tls = tls;
    }

    /**
     * Parses {@code redis://HOST:PORT[/DB]}.
     *
     * @throws IllegalArgumentException naming the value (without its password) and what is wrong with it
     */
    public static RedisLocation parse(String value) {
        Objects.requireNonNull(value, "the Redis location must not be null");
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw bad(value, "it is not a URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw bad(value, "the scheme must be redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad(value, "it names no host");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            throw bad(value, "the port must be given, 1 to 65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(value, "it may not have a query or fragment");
        }
        return new RedisLocation(uri, uri.getHost(), uri.getPort(), database(value, uri.getPath()),
                "rediss".equals(scheme));
    }

    private static int database(String value, String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return 0;
        }
        String number = path.substring(1);
        if (!number.matches("[0-9]{1,2}") || Integer.parseInt(number) >= DATABASES) {
            throw bad(value, "the database after the port must be a number from 0 to " + (DATABASES - 1));
        }
        return Integer.parseInt(number);
    }

    private static IllegalArgumentException bad(String value, String why) {
        return new IllegalArgumentException("bad Redis location '" + redact(value) + "': " + why
                + "; expected redis://HOST:PORT[/DB]");
    }

    /**
     * The value with whatever stands between the scheme and the last {@code @} (a password) replaced, for messages;
     * also when the {@code //} was forgotten ({@code redis:PASSWORD@host:6379}).
     */
    private static String redact(String value) {
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return value;
        }
        int slashes = value.indexOf("//");
        int colon = value.indexOf(':');
        int start = slashes >= 0 && slashes < at ? slashes + 2 : colon >= 0 && colon < at ? colon + 1 : 0;
        return value.substring(0, start) + "***" + value.substring(at);
    }

    /** Whether this is a {@code rediss://} location. */
    public boolean isTls() {
        return tls;
    }

    /**
     * For a {@code rediss://} location whose TLS handshake never finished: whether a plain connection to the same
     * host and port is answered as Redis answers (a status or error reply to PING), i.e. the server does not speak
     * TLS at all.
     */
    boolean answersPlainRedis(Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            int first = socket.getInputStream().read();
            return first == '+' || first == '-';
        } catch (IOException noAnswer) {
            return false;
        }
    }

    RedisURI toRedisUri(Duration timeout) {
        RedisURI.Builder builder = RedisURI.builder().withHost(host).withPort(port).withDatabase(database)
                .withSsl(tls).withTimeout(timeout);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                builder.withPassword(userInfo.toCharArray());
            } else if (colon == 0) {
                builder.withPassword(userInfo.substring(1).toCharArray());
            } else {
                builder.withAuthentication(userInfo.substring(0, colon), userInfo.substring(colon + 1));
            }
        }
        return builder.build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisLocation && ((RedisLocation) other).uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    /** {@code redis://HOST:PORT/DB}, without any password. */
    @Override
    public String toString() {
        return (tls ? "rediss" : "redis") + "://" + host + ":" + port + "/" + database;
    }
}
