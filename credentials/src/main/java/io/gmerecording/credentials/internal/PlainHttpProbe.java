package io.gmerecording.credentials.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Why an https exchange never finished: a plain-http server reads the TLS hello as the start of a request and waits
 * for the rest, so the client sees only a timeout. Both adapters ask this after such a timeout, which is why it lives
 * in the module they share.
 */
public final class PlainHttpProbe {

    private PlainHttpProbe() {
    }

    /**
     * Whether {@code host:port} answers a plain HTTP request (its reply starts {@code HTTP/}) within the timeout, at
     * most a second: a TLS server answers it with an alert or closes at once.
     */
    public static boolean answersPlainHttp(String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(1_000, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(("HEAD / HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(5);
            return "HTTP/".equals(new String(start, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException noAnswer) {
            return false;
        }
    }

    /** The message for an https endpoint that answers plain http. */
    public static String plainHttpOnHttps(String endpoint) {
        return "no TLS from " + endpoint + ": the server there answers plain http; use http:// (allowed for "
                + "loopback only) or the server's https port";
    }
}
