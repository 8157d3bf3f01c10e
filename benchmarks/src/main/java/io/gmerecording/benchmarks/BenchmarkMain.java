package io.gmerecording.benchmarks;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.policy.BatchDescriber;
import io.gmerecording.core.policy.BatchResult;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement side by side in one run and writes {@code results.json} (the ratios) and
 * {@code results.md} (the same figures with the raw numbers behind each). Started by {@code benchmarks/run.sh}.
 *
 * <p>Arguments: {@code --quick|--full}, the output folder, the classpath files of adapter-http and adapter-sdk
 * (runtime scope, adapter jar included), the folder of the benchmark classes, and optionally a comma-separated list of
 * the parts to run ({@link #PARTS}; all when absent), to measure again what a change touched.
 */
public final class BenchmarkMain {

    private static final String SEED_REQUEST = "{\"TaskId\":446192236330927912,\"BizId\":3400352518}";

    private final boolean quick;
    private final Path out;
    private final List<String> httpClasspath;
    private final List<String> sdkClasspath;
    private final String benchmarkClasses;
    static final List<String> PARTS = List.of("micro", "end-to-end", "lifecycle", "cold-start", "footprint",
            "utilization", "cli", "tracker", "callbacks");

    private final Set<String> parts;
    private final Map<String, Double> results = new LinkedHashMap<>();
    private final List<String> rows = new ArrayList<>();

    private BenchmarkMain(String[] args) throws IOException {
        this.quick = !args[0].equals("--full");
        this.out = Paths.get(args[1]);
        this.httpClasspath = readClasspath(Paths.get(args[2]));
        this.sdkClasspath = readClasspath(Paths.get(args[3]));
        this.benchmarkClasses = args[4];
        this.parts = args.length > 5 && !args[5].isEmpty() ? new LinkedHashSet<>(Arrays.asList(args[5].split(",")))
                : new LinkedHashSet<>(PARTS);
        for (String part : parts) {
            if (!PARTS.contains(part)) {
                throw new IllegalArgumentException("unknown part '" + part + "': the parts are " + PARTS);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        // the in-process emulators answer without Nagle's delay, as the emulator command does (read once per JVM)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        new BenchmarkMain(args).runAll();
    }

    private void runAll() throws Exception {
        Files.createDirectories(out);
        if (parts.contains("micro")) {
            microbenchmarks();
        }
        if (parts.contains("end-to-end")) {
            endToEnd(false);
            endToEnd(true);
        }
        if (parts.contains("lifecycle")) {
            lifecycle();
        }
        if (parts.contains("cold-start")) {
            coldStart(false);
            coldStart(true);
        }
        if (parts.contains("footprint")) {
            footprint();
        }
        if (parts.contains("utilization")) {
            rateLimitUtilization();
        }
        if (parts.contains("cli")) {
            cliOneShot();
        }
        if (parts.contains("tracker")) {
            tracker();
        }
        if (parts.contains("callbacks")) {
            callbacks();
        }
        write();
    }

    private void microbenchmarks() throws RunnerException, ReflectiveOperationException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SigningBenchmark.class.getName())
                .include(MappingBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .forks(quick ? 1 : 2)
                .warmupIterations(quick ? 5 : 8)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 5 : 10)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true);
        Collection<RunResult> runs = new Runner(options.build()).run();
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Result<?> primary = run.getPrimaryResult();
            double alloc = Double.NaN;
            for (String secondary : run.getSecondaryResults().keySet()) {
                if (secondary.endsWith("gc.alloc.rate.norm")) {
                    Result<?> value = run.getSecondaryResults().get(secondary);
                    alloc = value.getScore();
                }
            }
            byName.put(shortName, new double[] {primary.getScore(), primary.getScoreError(), alloc});
        }
        double[] signOurs = byName.get("SigningBenchmark.ours");
        double[] signSdk = byName.get("SigningBenchmark.sdk");
        double[] mapOurs = byName.get("MappingBenchmark.ours");
        double[] mapSdk = byName.get("MappingBenchmark.sdk");
        // the speedups are paired in one JVM (ours and the SDK's in alternating 100 ms slices); JMH's separate runs
        // give the absolute times and the allocation, which do not drift with the machine as a ratio of them does
        int pairs = quick ? 60 : 150;
        SigningBenchmark signing = new SigningBenchmark();
        signing.setUp();
        List<Double> signer = PairedMicro.speedups(signing::ours, signing::sdk, pairs, 100_000_000L);
        MappingBenchmark mapping = new MappingBenchmark();
        mapping.setUp();
        List<Double> mapper = PairedMicro.speedups(mapping::ours, mapping::sdk, pairs, 100_000_000L);
        put("signer_speedup_vs_sdk", signer, "sign one request, %d pairs of 100 ms slices in one JVM, per pair, median "
                + "(%s); JMH avgt alone: sdk " + jmh(signSdk).replace("%", "%%") + " / ours "
                + jmh(signOurs).replace("%", "%%"));
        put("mapping_speedup_vs_sdk", mapper, "body to domain, %d pairs of 100 ms slices in one JVM, per pair, median "
                + "(%s); JMH avgt alone: sdk " + jmh(mapSdk).replace("%", "%%") + " / ours "
                + jmh(mapOurs).replace("%", "%%"));
        results.put("alloc_ratio_http_vs_sdk", (signOurs[2] + mapOurs[2]) / (signSdk[2] + mapSdk[2]));
        row("alloc_ratio_http_vs_sdk", "bytes/op, sign + map (GC profiler): ours %.0f + %.0f / sdk %.0f + %.0f",
                signOurs[2], mapOurs[2], signSdk[2], mapSdk[2]);
    }

    /**
     * End to end over plain http ({@code tls} false: the keys without "https") or https (keys with it), against a
     * server in a JVM of its own on its own CPU (clients on the other, where taskset is available). Every client runs
     * in turn for a short slice (A B C, then B C A, then C A B, ...), so a drift of the machine's speed touches all of
     * them within a second; a ratio is taken per group of four such cycles, and the figure is the median of the groups
     * with its interquartile range.
     */
    private void endToEnd(boolean tls) throws Exception {
        Duration slice = Duration.ofMillis(250);
        int cycles = quick ? 48 : 120;
        int perGroup = 4;
        String scheme = tls ? "https_" : "";
        try (ServerProcess server = new ServerProcess(tls)) {
            Pinning.clientsOnFirstCpu();
            Map<String, EndToEnd.Client> clients = EndToEnd.clients(server.endpoint(), server.certificate());
            List<String> names = new ArrayList<>(clients.keySet());
            // the JIT needs about 15 s of traffic before the adapters' figures settle (measured: http went from 1,400
            // to 4,900 req/s over six 2 s rounds); warm every client in turns for that long before measuring
            for (int round = 0; round < (quick ? 4 : 8); round++) {
                for (EndToEnd.Client client : clients.values()) {
                    EndToEnd.run(client, 1, Duration.ofSeconds(1), new EndToEnd.Figures());
                    EndToEnd.run(client, 8, Duration.ofSeconds(1), new EndToEnd.Figures());
                }
            }
            Map<Integer, List<Map<String, EndToEnd.Figures>>> groupsByThreads = new LinkedHashMap<>();
            for (int threads : new int[] {1, 8}) {
                List<Map<String, EndToEnd.Figures>> groups = new ArrayList<>();
                for (int cycle = 0; cycle < cycles; cycle++) {
                    if (cycle % perGroup == 0) {
                        groups.add(new LinkedHashMap<>());
                    }
                    Map<String, EndToEnd.Figures> group = groups.get(groups.size() - 1);
                    for (int k = 0; k < names.size(); k++) {
                        String name = names.get((cycle + k) % names.size()); // each client leads in turn
                        EndToEnd.run(clients.get(name), threads, slice,
                                group.computeIfAbsent(name, key -> new EndToEnd.Figures()));
                    }
                }
                groupsByThreads.put(threads, groups);
            }
            Pinning.release();
            List<Map<String, EndToEnd.Figures>> eight = groupsByThreads.get(8);
            List<Map<String, EndToEnd.Figures>> one = groupsByThreads.get(1);
            List<Double> httpVsSdk = new ArrayList<>();
            List<Double> httpVsBare = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            // p99 under load: at 1 thread on a shared 2-core machine the tail is the host's stalls (a group's p99 is
            // either 0.2 ms or 2 ms, whichever the stalls reach), at 8 threads it is each client's own queueing
            for (Map<String, EndToEnd.Figures> group : eight) {
                httpVsSdk.add(group.get("http").requestsPerCpuSecond() / group.get("sdk").requestsPerCpuSecond());
                httpVsBare.add(group.get("http").requestsPerCpuSecond() / group.get("bare").requestsPerCpuSecond());
                p99.add(group.get("http").percentileMillis(0.99) / group.get("sdk").percentileMillis(0.99));
            }
            String how = "8 threads, requests per client CPU second, %d groups of %d interleaved %d ms slices, "
                    + "median (%s)";
            put("throughput_ratio_" + scheme + "http_vs_sdk", httpVsSdk, how, perGroup, slice.toMillis());
            put("throughput_ratio_" + scheme + "http_vs_bare", httpVsBare, how, perGroup, slice.toMillis());
            if (!tls) {
                put("p99_ratio_http_vs_sdk", p99, "8 threads, p99 of each group, %d groups of %d interleaved %d ms "
                        + "slices, median (%s)", perGroup, slice.toMillis());
            }
            for (String name : names) {
                EndToEnd.Figures single = EndToEnd.Figures.sum(one, name);
                EndToEnd.Figures parallel = EndToEnd.Figures.sum(eight, name);
                rows.add(String.format(Locale.ROOT, "| (raw, all slices) " + scheme + "%s | | 1 thread: %.0f req/s, "
                        + "p50 %.3f ms, p99 %.3f ms; 8 threads: %.0f req/s (%.0f per client CPU second), p50 %.3f "
                        + "ms, p99 %.3f ms; failed exchanges %d of %d |", name, single.requestsPerSecond(),
                        single.percentileMillis(0.5), single.percentileMillis(0.99), parallel.requestsPerSecond(),
                        parallel.requestsPerCpuSecond(), parallel.percentileMillis(0.5),
                        parallel.percentileMillis(0.99), single.errors + parallel.errors,
                        single.requests + parallel.requests + single.errors + parallel.errors));
            }
            rows.add("| (placement) | | " + (Pinning.available() ? "server JVM pinned to the last CPU, clients to the "
                    + "others (taskset)" : "not pinned (no taskset or one CPU)") + " |");
        } finally {
            Pinning.release();
        }
    }

    /**
     * A room's lifecycle as an application runs it, start, describe and stop, through each adapter against an
     * in-process emulator (its request limit lifted) in one warm JVM: a new room per lifecycle, one user joined before
     * the start; the two adapters in pairs, each leading every other pair.
     */
    private void lifecycle() throws Exception {
        int warmup = quick ? 400 : 1000;
        int pairs = quick ? 301 : 801;
        long bizId = 1400000001L;
        try (GmeEmulator emulator = GmeEmulator.builder().accept(AcceptedKey.of(Fixtures.KEY.secretId(),
                Fixtures.KEY.secretKey())).requestsPerSecond(1_000_000).build();
                Transport http = HttpTransport.builder().endpoint(emulator.endpoint()).credentials(Fixtures.KEY)
                        .build();
                Transport sdk = SdkTransport.builder().endpoint(emulator.endpoint()).credentials(Fixtures.KEY)
                        .build()) {
            long[] rooms = {0};
            LifecycleRun once = transport -> {
                String roomId = "bench-" + (++rooms[0]);
                emulator.room(bizId, roomId).join("7");
                RoomRef room = RoomRef.of(bizId, roomId);
                long started = System.nanoTime();
                TaskRef task = transport.startRecord(room, RecordMode.MIXED_STREAM, Subscription.everyone()).task();
                if (transport.describe(task).recordings().isEmpty()) {
                    throw new IllegalStateException("the emulator recorded nobody in " + room);
                }
                transport.stopRecord(task);
                return System.nanoTime() - started;
            };
            for (int i = 0; i < warmup; i++) {
                once.nanos(http);
                once.nanos(sdk);
            }
            List<Double> httpMillis = new ArrayList<>();
            List<Double> sdkMillis = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                long first = once.nanos(i % 2 == 0 ? http : sdk);
                long second = once.nanos(i % 2 == 0 ? sdk : http);
                long httpNanos = i % 2 == 0 ? first : second;
                long sdkNanos = i % 2 == 0 ? second : first;
                httpMillis.add(httpNanos / 1e6);
                sdkMillis.add(sdkNanos / 1e6);
                ratios.add((double) httpNanos / sdkNanos);
            }
            put("lifecycle_ms_http", httpMillis, "median of %d lifecycles (start, describe and stop one room; "
                    + "in-process emulator; warm JVM, %d per adapter before) (%s); sdk "
                    + String.format(Locale.ROOT, "%.3f", median(sdkMillis)) + " ms", warmup);
            put("lifecycle_ratio_http_vs_sdk", ratios, "the same through both adapters, %d pairs, each adapter "
                    + "leading every other pair, ratio per pair, median (%s)");
        }
    }

    /** One lifecycle through a transport, its wall time in nanoseconds. */
    private interface LifecycleRun {
        long nanos(Transport transport) throws Exception;
    }

    /**
     * The tracker fed by the emulator's callbacks, beside the same rooms polled only and with 30% of the callbacks
     * dropped: requests per finished task and how long after its upload event each end was reported (simulated).
     */
    private void callbacks() throws Exception {
        int tasks = 2000;
        CallbackBenchmark.Figures fed = CallbackBenchmark.run(tasks, true, 0.0);
        CallbackBenchmark.Figures lossy = CallbackBenchmark.run(tasks, true, 0.3);
        CallbackBenchmark.Figures polled = CallbackBenchmark.run(tasks, false, 0.0);
        String how = "%,d rooms recorded 5 to 25 simulated minutes and tracked to NOTIFIED at 20 req/s, %s: ends "
                + "%,d (reached %,d, reported twice %d), %,d requests, %,d callback deliveries";
        results.put("callback_requests_per_finished_task", fed.requestsPerFinishedTask());
        row("callback_requests_per_finished_task", how, tasks, "every callback, a "
                + CallbackBenchmark.RECONCILIATION.toMinutes() + "-minute reconciliation", fed.ended, fed.reached,
                fed.endedTwice, fed.requests, fed.deliveries);
        results.put("callback_ready_latency_ms_p50", fed.latencyPercentile(0.5));
        results.put("callback_ready_latency_ms_p99", fed.latencyPercentile(0.99));
        row("callback_ready_latency_ms_p50", "from the emulator's upload event to the tracker's end report, "
                + "simulated milliseconds, p50 (p99 below)");
        row("callback_ready_latency_ms_p99", "the same, p99");
        results.put("callback_dropped30_requests_per_finished_task", lossy.requestsPerFinishedTask());
        row("callback_dropped30_requests_per_finished_task", how, tasks, "30% of the callbacks dropped",
                lossy.ended, lossy.reached, lossy.endedTwice, lossy.requests, lossy.deliveries);
        results.put("callback_dropped30_every_end_once", lossy.ended == tasks && lossy.endedTwice == 0 ? 1.0 : 0.0);
        row("callback_dropped30_every_end_once", "1 when every task's end was reported, none twice");
        results.put("callback_dropped30_ready_latency_ms_p50", lossy.latencyPercentile(0.5));
        results.put("callback_dropped30_ready_latency_ms_p99", lossy.latencyPercentile(0.99));
        row("callback_dropped30_ready_latency_ms_p50", "from NOTIFIED (the upload event, sent or not) to the end "
                + "report, p50; a lost upload is found by the next reconciliation");
        row("callback_dropped30_ready_latency_ms_p99", "the same, p99");
        results.put("callback_polling_only_requests_per_finished_task", polled.requestsPerFinishedTask());
        row("callback_polling_only_requests_per_finished_task", how, tasks, "no callbacks (the tracker's default "
                + "intervals)", polled.ended, polled.reached, polled.endedTwice, polled.requests, polled.deliveries);
        results.put("callback_polling_only_ready_latency_ms_p50", polled.latencyPercentile(0.5));
        results.put("callback_polling_only_ready_latency_ms_p99", polled.latencyPercentile(0.99));
        row("callback_polling_only_ready_latency_ms_p50", "from NOTIFIED to the end report, polling only, p50");
        row("callback_polling_only_ready_latency_ms_p99", "the same, p99");
    }

    /** A figure as the median of {@code values}, its row naming how many and their interquartile range. */
    private void put(String key, List<Double> values, String format, Object... args) {
        results.put(key, median(values));
        Object[] all = new Object[args.length + 2];
        all[0] = values.size();
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = quartiles(values);
        row(key, format, all);
    }

    /** "IQR q1-q3, min .., max .." of a series. */
    private static String quartiles(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double q1 = sorted[(sorted.length - 1) / 4];
        double q3 = sorted[(3 * (sorted.length - 1) + 3) / 4];
        return String.format(Locale.ROOT, "IQR %.3f-%.3f, min %.3f, max %.3f", q1, q3, sorted[0],
                sorted[sorted.length - 1]);
    }

    /**
     * New JVM to first result: from starting the child until its result line reaches us, as the issue defines it.
     * The child then closes its query and exits, and the time to its exit is reported beside: on Java 17 a JDK
     * {@code HttpClient} no longer used still costs about 0.3 s at exit, and
     * the command line's figure below includes that part as users meet it.
     */
    private void coldStart(boolean tls) throws Exception {
        int runs = quick ? 9 : 15;
        String key = tls ? "cold_start_ratio_https_http_vs_sdk" : "cold_start_ratio_http_vs_sdk";
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> http = new ArrayList<>();
        List<Double> sdk = new ArrayList<>();
        List<Double> httpExit = new ArrayList<>();
        List<Double> sdkExit = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (FixedResponseServer server = new FixedResponseServer(tls)) {
            for (int i = 0; i < runs; i++) {
                // each leads every other pair: the second JVM of a pair finds the first one's files in the page cache
                double[] one;
                double[] other;
                if (i % 2 == 0) {
                    one = timeChild(java, httpClasspath, ColdStartHttp.class.getName(), server);
                    other = timeChild(java, sdkClasspath, ColdStartSdk.class.getName(), server);
                } else {
                    other = timeChild(java, sdkClasspath, ColdStartSdk.class.getName(), server);
                    one = timeChild(java, httpClasspath, ColdStartHttp.class.getName(), server);
                }
                http.add(one[0]);
                httpExit.add(one[1]);
                sdk.add(other[0]);
                sdkExit.add(other[1]);
                ratios.add(one[0] / other[0]);
            }
        }
        // the two run in turns and the ratio is taken per pair, so drift of a shared machine touches both alike
        results.put(key, median(ratios));
        row(key, "new JVM to first result, median of %d: http %.0f ms (%s) / sdk %.0f ms (%s); ratio per pair, "
                + "median (%s); to process exit: http %.0f ms, sdk %.0f ms", runs, median(http), spread(http),
                median(sdk), spread(sdk), spread(ratios), median(httpExit), median(sdkExit));
    }

    /** Milliseconds from starting the child to its result line, and to its exit. */
    private double[] timeChild(String java, List<String> classpath, String main, FixedResponseServer server)
            throws Exception {
        List<String> entries = new ArrayList<>(classpath);
        entries.add(benchmarkClasses);
        List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, entries), main,
                server.endpoint(), Fixtures.KEY.secretId(), Fixtures.KEY.secretKey()));
        if (server.certificate() != null) {
            command.add(server.certificate().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = builder.start();
        long answered = 0;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (answered == 0 && line.equals("room 7743")) {
                    answered = System.nanoTime();
                }
                output.append(line).append('\n');
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || answered == 0) {
            throw new IllegalStateException(main + " failed: " + output);
        }
        long exited = System.nanoTime();
        return new double[] {(answered - started) / 1e6, (exited - started) / 1e6};
    }

    private void footprint() throws IOException {
        long http = bytes(httpClasspath);
        long sdk = bytes(sdkClasspath);
        results.put("footprint_bytes_http", (double) http);
        results.put("footprint_bytes_sdk", (double) sdk);
        row("footprint_bytes_http", "runtime classpath of adapter-http: %s", names(httpClasspath));
        row("footprint_bytes_sdk", "runtime classpath of adapter-sdk: %s", names(sdkClasspath));
    }

    private void rateLimitUtilization() {
        int tasks = quick ? 200 : 400;
        StringBuilder fixtures = new StringBuilder("{\"tasks\":[");
        for (int i = 1; i <= tasks; i++) {
            fixtures.append(i > 1 ? "," : "").append("{\"BizId\":11,\"TaskId\":").append(i)
                    .append(",\"RoomId\":\"r").append(i).append("\",\"RecordMode\":1}");
        }
        try (GmeEmulator emulator = GmeEmulator.builder().fixtures(io.gmerecording.emulator.Fixtures.parse(
                fixtures.append("]}").toString().getBytes(StandardCharsets.UTF_8), "utilization")).build()) {
            GmeRecording client = GmeRecording.builder().transport(HttpTransport.builder()
                    .endpoint(emulator.endpoint())
                    .credentials(io.gmerecording.core.Credentials.of(AcceptedKey.DEMO.secretId(),
                            AcceptedKey.DEMO.secretKey()))
                    .build()).maxRequestsPerSecond(20).build();
            RecordingQuery query = client.query();
            List<TaskRef> refs = new ArrayList<>();
            for (int i = 1; i <= tasks; i++) {
                refs.add(TaskRef.of(11, i));
            }
            long started = System.nanoTime();
            List<BatchResult> batch = BatchDescriber.over(query, 8).describeAll(refs);
            double seconds = (System.nanoTime() - started) / 1e9;
            long failed = batch.stream().filter(result -> !result.isSuccess()).count();
            long throttled = emulator.requestLog().count("RequestLimitExceeded");
            int busiest = emulator.requestLog().maxInAnyWindow(Duration.ofSeconds(1));
            double rate = tasks / seconds;
            client.close();
            results.put("rate_limit_utilization", rate / 20);
            row("rate_limit_utilization", "%d tasks in %.2f s = %.2f req/s of 20; throttling errors %d, failed %d, "
                    + "busiest second %d requests", tasks, seconds, rate, throttled, failed, busiest);
        }
    }

    /**
     * The command line as users run it: {@code bin/gme-recording describe --output json} of one task against a local
     * http emulator, whole process, in turns with: the sdk adapter; the floor of a Java one-shot ({@link BareOneShot}:
     * a JDK HttpClient POST of pre-signed bytes with the launcher's JVM options); and, where node and the official Node
     * SDK are installed ({@code run.sh} installs it), that SDK's one-shot script. The emulator listens on port 80 when
     * it can, since the Node SDK signs the host without its port; the ratio is taken per turn. A warm-up turn first (it
     * makes the launcher's class-data archive, and the jar if it is stale).
     */
    private void cliOneShot() throws Exception {
        int runs = quick ? 11 : 17;
        Path launcher = out.toAbsolutePath().getParent().getParent().resolve("bin").resolve("gme-recording");
        Path node = out.resolve("node");
        boolean withNode = Files.isDirectory(node.resolve("node_modules").resolve("tencentcloud-sdk-nodejs"));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (String name : List.of("http", "sdk", "bare_jdk", "node_sdk")) {
            times.put(name, new ArrayList<>());
        }
        List<Double> vsSdk = new ArrayList<>();
        List<Double> vsBare = new ArrayList<>();
        List<Double> vsNode = new ArrayList<>();
        GmeEmulator emulator;
        try {
            emulator = GmeEmulator.builder().port(80).build();
        } catch (RuntimeException portTaken) {
            emulator = GmeEmulator.builder().build();
            withNode = false;
        }
        String nodeNote = withNode ? "" : " (no Node SDK figure: node, the SDK under benchmarks/target/node or port 80 "
                + "was not available)";
        try (GmeEmulator running = emulator) {
            String endpoint = running.endpoint();
            for (int i = -1; i < runs; i++) {
                double h = timeCli(launcher, endpoint, "http");
                double s = timeCli(launcher, endpoint, "sdk");
                double b = timeBare(endpoint);
                double n = withNode ? timeNode(node, endpoint) : Double.NaN;
                if (i >= 0) {
                    times.get("http").add(h);
                    times.get("sdk").add(s);
                    times.get("bare_jdk").add(b);
                    vsSdk.add(h / s);
                    vsBare.add(h / b);
                    if (withNode) {
                        times.get("node_sdk").add(n);
                        vsNode.add(h / n);
                    }
                }
            }
        }
        List<Double> http = times.get("http");
        results.put("cli_one_shot_ms_http", median(http));
        row("cli_one_shot_ms_http", "bin/gme-recording describe, one task, local http emulator, JSON, median of %d "
                + "(%s ms), Java %s", runs, spread(http), System.getProperty("java.version"));
        put("cli_one_shot_ratio_http_vs_sdk", vsSdk, "the same with --adapter sdk: %d turns, ratio per turn, median "
                + "(%s); sdk " + String.format(Locale.ROOT, "%.0f", median(times.get("sdk"))) + " ms");
        put("cli_one_shot_ratio_http_vs_bare_jdk", vsBare, "against a bare JDK HttpClient one-shot of pre-signed bytes "
                + "(the launcher's JVM options, no archive): %d turns, median (%s); bare "
                + String.format(Locale.ROOT, "%.0f", median(times.get("bare_jdk"))) + " ms");
        if (withNode) {
            put("cli_one_shot_ratio_http_vs_node_sdk", vsNode, "against the official Node SDK 4.1.313 one-shot script "
                    + "(node " + nodeVersion() + "): %d turns, median (%s); node "
                    + String.format(Locale.ROOT, "%.0f", median(times.get("node_sdk"))) + " ms");
        } else {
            rows.add("| `cli_one_shot_ratio_http_vs_node_sdk` | not measured | " + nodeNote.trim() + " |");
        }
    }

    private static double timeBare(String endpoint) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Paths.get(BareOneShot.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        URI uri = URI.create(endpoint);
        long timestamp = System.currentTimeMillis() / 1000;
        String authorization = Tc3Signer.create().authorization(AcceptedKey.DEMO.secretId(),
                AcceptedKey.DEMO.secretKey(), Tc3Request.builder().service("gme").timestamp(timestamp)
                        .contentType("application/json; charset=utf-8").host(hostHeader(uri))
                        .payload(SEED_REQUEST.getBytes(StandardCharsets.UTF_8)).build());
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classes,
                BareOneShot.class.getName(), endpoint, SEED_REQUEST).redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = builder.start();
        try (java.io.OutputStream in = process.getOutputStream()) {
            in.write((authorization + "\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return finished(process, started, "\"RoomId\":\"7743\"", "the bare one-shot");
    }

    private static String hostHeader(URI uri) {
        return uri.getPort() == -1 || uri.getPort() == 80 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static double timeNode(Path node, String endpoint) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "describe-once.js", hostHeader(URI.create(endpoint)))
                .directory(node.toFile()).redirectErrorStream(true);
        builder.environment().put("TENCENTCLOUD_SECRET_ID", AcceptedKey.DEMO.secretId());
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", AcceptedKey.DEMO.secretKey());
        long started = System.nanoTime();
        return finished(builder.start(), started, "room 7743", "the Node SDK one-shot");
    }

    private static String nodeVersion() throws Exception {
        Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        return version;
    }

    /** Milliseconds from {@code started} to the exit of {@code process}, which must print {@code expected}. */
    private static double finished(Process process, long started, String expected, String what) throws Exception {
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0
                || !new String(output, StandardCharsets.UTF_8).contains(expected)) {
            throw new IllegalStateException(what + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static double timeCli(Path launcher, String endpoint, String adapter) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "describe", "--biz-id", "3400352518",
                "--task-id", "446192236330927912", "--endpoint", endpoint, "--output", "json", "--adapter", adapter)
                .redirectErrorStream(true);
        builder.environment().put("TENCENTCLOUD_SECRET_ID", AcceptedKey.DEMO.secretId());
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", AcceptedKey.DEMO.secretKey());
        builder.environment().put("GME_RECORDING_METADATA_ENDPOINT", "http://127.0.0.1:9");
        long started = System.nanoTime();
        return finished(builder.start(), started, "\"roomId\":\"7743\"", "the CLI");
    }

    /** The tracker against the emulator on a simulated clock (benchmarks/long-run.sh tracker runs 10,000). */
    private void tracker() throws Exception {
        TrackerBenchmark.Figures figures = TrackerBenchmark.run(quick ? 2_000 : 10_000, progress -> { });
        results.put("tracker_requests_per_finished_task", figures.requestsPerFinishedTask);
        results.put("tracker_bytes_per_task", (double) figures.bytesPerTask);
        row("tracker_requests_per_finished_task", "%,d tasks to NOTIFIED at 20 req/s: ends %s, %,d requests, the "
                + "last end after %.1f simulated minutes, worst staleness %.1f s, busiest emulator second %d, "
                + "RequestLimitExceeded %d", figures.tasks, figures.ends, figures.requests, figures.simulatedMinutes,
                figures.worstStalenessSeconds, figures.busiestSecond, figures.throttled);
        row("tracker_bytes_per_task", "live heap after full GCs with the %,d tasks tracked, less before, per task",
                figures.tasks);
    }

    /** A JMH score with its error, in ns, the error also as a share of the score. */
    private static String jmh(double[] score) {
        return String.format(Locale.ROOT, "%.0f ± %.0f ns (±%.0f%%)", score[0], score[1], 100 * score[1] / score[0]);
    }

    /** "min X, max Y" of a series. */
    private static String spread(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "min %.3f, max %.3f", min, max);
    }

    private void row(String key, String format, Object... args) {
        rows.add("| `" + key + "` | %RESULT:" + key + "% | " + String.format(Locale.ROOT, format, args) + " |");
    }

    private void write() throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Double> entry : results.entrySet()) {
            json.append("  \"").append(entry.getKey()).append("\": ").append(number(entry.getValue()))
                    .append(++i < results.size() ? ",\n" : "\n");
        }
        json.append("}\n");
        Files.write(out.resolve("results.json"), json.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder table = new StringBuilder();
        table.append("| key | value | raw figures |\n|---|---|---|\n");
        for (String row : rows) {
            String filled = row;
            for (Map.Entry<String, Double> entry : results.entrySet()) {
                filled = filled.replace("%RESULT:" + entry.getKey() + "%", display(entry.getKey(), entry.getValue()));
            }
            table.append(filled).append('\n');
        }
        table.append('\n').append(machine()).append('\n');
        Files.write(out.resolve("results.md"), table.toString().getBytes(StandardCharsets.UTF_8));
        System.out.println(json);
        System.out.println(table);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String display(String key, double value) {
        return key.startsWith("footprint") || key.endsWith("bytes_per_task") ? String.format(Locale.ROOT, "%,d bytes (%.2f MiB)", (long) value,
                value / 1024 / 1024) : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String machine() throws IOException {
        String cpu = "unknown CPU";
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                        .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
            }
        }
        return String.format(Locale.ROOT, "Machine: %d cores (%s), %s %s, Java %s (%s), %s", Runtime.getRuntime()
                .availableProcessors(), cpu, System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static List<String> readClasspath(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        List<String> entries = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (!entry.trim().isEmpty()) {
                entries.add(entry.trim());
            }
        }
        return entries;
    }

    private static long bytes(List<String> classpath) throws IOException {
        long total = 0;
        for (String entry : classpath) {
            Path path = Paths.get(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    total += files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
                }
            } else {
                total += Files.size(path);
            }
        }
        return total;
    }

    private static String names(List<String> classpath) {
        List<String> names = new ArrayList<>();
        for (String entry : classpath) {
            names.add(Paths.get(entry).getFileName().toString());
        }
        return String.join(", ", names);
    }

}
