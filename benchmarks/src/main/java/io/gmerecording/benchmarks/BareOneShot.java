package io.gmerecording.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The floor of a one-shot describe in Java: a JDK {@code HttpClient} POSTs bytes signed by the parent (it reads the
 * Authorization header and the timestamp from its standard input, never from its command line), prints the body and
 * exits without the selector thread's wait at exit. Nothing of the library is on its classpath.
 */
public final class BareOneShot {

    private BareOneShot() {
    }

    /** Arguments: the endpoint ({@code http://127.0.0.1:PORT}) and the request body. */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String authorization = in.readLine();
        String timestamp = in.readLine();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0] + "/"))
                .header("Content-Type", "application/json; charset=utf-8").header("Authorization", authorization)
                .header("X-TC-Action", "DescribeRecordInfo").header("X-TC-Version", "2018-07-11")
                .header("X-TC-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(args[1])).build();
        System.out.println(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        // Java 17 waits about 0.3 s at exit for a live client's selector thread: let it end first
        client = null;
        System.gc();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().matches("HttpClient-\\d+-SelectorManager")) {
                thread.interrupt();
                thread.join(1000);
            }
        }
    }
}
