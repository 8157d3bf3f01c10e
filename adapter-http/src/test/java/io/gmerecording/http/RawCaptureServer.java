package io.gmerecording.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A one-request HTTP/1.1 server on loopback that keeps the exact bytes it received and answers a fixed response. */
final class RawCaptureServer implements AutoCloseable {

    final String requestLine;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;

    private final ServerSocket socket;

    private RawCaptureServer(ServerSocket socket, String requestLine, byte[] body) {
        this.socket = socket;
        this.requestLine = requestLine;
        this.body = body;
    }

    interface Client {
        void call(int port) throws Exception;
    }

    /** Runs {@code client} against a fresh server and returns what the server received. */
    static RawCaptureServer capture(String response, Client client) throws Exception {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Object[] received = new Object[3];
        Thread acceptor = new Thread(() -> {
            try (Socket connection = socket.accept()) {
                InputStream in = connection.getInputStream();
                String head = readHead(in);
                String[] lines = head.split("\r\n");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                received[0] = lines[0];
                received[1] = headers;
                received[2] = body;
                byte[] answer = response.getBytes(StandardCharsets.UTF_8);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(answer);
                out.flush();
            } catch (IOException e) {
                received[0] = e;
            }
        });
        acceptor.start();
        try {
            client.call(socket.getLocalPort());
        } finally {
            acceptor.join(10_000);
            socket.close();
        }
        if (received[0] instanceof IOException) {
            throw (IOException) received[0];
        }
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) received[1];
        RawCaptureServer server = new RawCaptureServer(socket, (String) received[0], (byte[]) received[2]);
        server.headers.putAll(headers);
        return server;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
