package io.gmerecording.benchmarks;

import io.gmerecording.core.Transport;
import io.gmerecording.credentials.internal.TrustedCertificate;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests per second, requests per second of the client process's CPU, and latency percentiles over loopback against
 * one fixed-response server, for the http adapter, the sdk adapter and a bare HttpClient POST of pre-signed bytes (the
 * transport's own limit). The clients take turns in short slices, so drift of the machine during the run touches all
 * of them alike.
 */
final class EndToEnd {

    interface Client {
        void call() throws Exception;
    }

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Latencies and throughput of one client in one concurrency mode. */
    static final class Figures {
        long requests;
        long errors;
        double seconds;
        long cpuNanos;
        final List<long[]> latencies = new ArrayList<>();

        double requestsPerSecond() {
            return requests / seconds;
        }

        /**
         * Requests per second of CPU this client process spent (every thread: the caller's, the HTTP client's, the
         * JIT's and the collector's); the server runs in a JVM of its own and is not counted. Unlike requests per
         * second it does not depend on how fast the server answers or how much CPU the machine had to give.
         */
        double requestsPerCpuSecond() {
            return requests / (cpuNanos / 1e9);
        }

        /** One client's figures over every group. */
        static Figures sum(List<Map<String, Figures>> groups, String client) {
            Figures total = new Figures();
            for (Map<String, Figures> group : groups) {
                Figures part = group.get(client);
                total.requests += part.requests;
                total.errors += part.errors;
                total.seconds += part.seconds;
                total.cpuNanos += part.cpuNanos;
                total.latencies.addAll(part.latencies);
            }
            return total;
        }

        double percentileMillis(double p) {
            return percentileNanos(latencies, p) / 1e6;
        }
    }

    /** The {@code p} percentile of every latency in {@code parts}, nanoseconds; NaN when there are none. */
    static double percentileNanos(List<long[]> parts, double p) {
        int total = 0;
        for (long[] part : parts) {
            total += part.length;
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        return all.length == 0 ? Double.NaN : all[Math.min(all.length - 1, (int) Math.ceil(p * all.length) - 1)];
    }

    /** The three clients of {@code endpoint}; for https, each trusts {@code certificate} (null for http). */
    static Map<String, Client> clients(String endpoint, Path certificate) {
        HttpTransport.Builder httpBuilder = HttpTransport.builder().endpoint(endpoint)
                .credentials(Fixtures.KEY);
        SdkTransport.Builder sdkBuilder = SdkTransport.builder().endpoint(endpoint)
                .credentials(Fixtures.KEY);
        HttpClient.Builder bareBuilder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (certificate != null) {
            httpBuilder.trustCertificate(certificate);
            sdkBuilder.trustCertificate(certificate);
            bareBuilder.sslContext(TrustedCertificate.load(certificate).sslContext());
        }
        Transport http = httpBuilder.build();
        Transport sdk = sdkBuilder.build();
        HttpClient bare = bareBuilder.build();
        URI uri = URI.create(endpoint + "/");
        byte[] body = Fixtures.REQUEST_BODY.getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() / 1000;
        String host = uri.getHost() + ":" + uri.getPort();
        String authorization = Tc3Signer.create().authorization(Fixtures.KEY.secretId(), Fixtures.KEY.secretKey(),
                Tc3Request.builder().service("gme").timestamp(timestamp).contentType("application/json; charset=utf-8")
                        .host(host).payload(body).build());
        HttpRequest presigned = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json; charset=utf-8").header("Authorization", authorization)
                .header("X-TC-Action", "DescribeRecordInfo").header("X-TC-Version", "2018-07-11")
                .header("X-TC-Timestamp", Long.toString(timestamp)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Map<String, Client> clients = new LinkedHashMap<>();
        clients.put("http", () -> http.describe(Fixtures.SEED));
        clients.put("sdk", () -> sdk.describe(Fixtures.SEED));
        clients.put("bare", () -> {
            HttpResponse<byte[]> response = bare.send(presigned, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length == 0) {
                throw new IOException("bare POST got " + response.statusCode());
            }
        });
        return clients;
    }

    /** Runs {@code client} on {@code threads} threads for {@code duration}, adding to {@code figures}. */
    static void run(Client client, int threads, Duration duration, Figures figures) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        int[] errors = new int[threads];
        Throwable[] failure = new Throwable[1];
        long started = System.nanoTime();
        long cpuAtStart = PROCESS.getProcessCpuTime();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                try {
                    while (!stop.get()) {
                        long begin = System.nanoTime();
                        try {
                            client.call();
                        } catch (Exception e) {
                            // a kept-alive connection the server closed under the client: counted, not measured
                            if (++errors[index] > 1000) {
                                throw e;
                            }
                            continue;
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = System.nanoTime() - begin;
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                } finally {
                    perThread[index] = Arrays.copyOf(latencies, n);
                    counts[index] = n;
                    done.countDown();
                }
            });
            thread.start();
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        done.await();
        if (failure[0] != null) {
            throw new IllegalStateException("a benchmark client failed", failure[0]);
        }
        figures.seconds += (System.nanoTime() - started) / 1e9;
        figures.cpuNanos += PROCESS.getProcessCpuTime() - cpuAtStart;
        for (int t = 0; t < threads; t++) {
            figures.requests += counts[t];
            figures.errors += errors[t];
            figures.latencies.add(perThread[t]);
        }
    }
}
