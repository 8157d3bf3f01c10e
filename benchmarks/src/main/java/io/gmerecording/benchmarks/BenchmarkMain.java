package io.gmerecording.benchmarks;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.BatchDescriber;
import io.gmerecording.core.policy.BatchResult;
import io.gmerecording.core.policy.RecordingQueries;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpRecordingQuery;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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

    private final boolean quick;
    private final Path out;
    private final List<String> httpClasspath;
    private final List<String> sdkClasspath;
    private final String benchmarkClasses;
    static final List<String> PARTS = List.of("micro", "end-to-end", "cold-start", "footprint", "utilization", "cli",
            "tracker");

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
        write();
    }

    private void microbenchmarks() throws RunnerException {
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
        results.put("signer_speedup_vs_sdk", signSdk[0] / signOurs[0]);
        results.put("mapping_speedup_vs_sdk", mapSdk[0] / mapOurs[0]);
        results.put("alloc_ratio_http_vs_sdk", (signOurs[2] + mapOurs[2]) / (signSdk[2] + mapSdk[2]));
        row("signer_speedup_vs_sdk", "sign one request (JMH avgt): sdk %.0f ± %.0f ns / ours %.0f ± %.0f ns",
                signSdk[0], signSdk[1], signOurs[0], signOurs[1]);
        row("mapping_speedup_vs_sdk", "body to domain (JMH avgt): sdk %.0f ± %.0f ns / ours %.0f ± %.0f ns",
                mapSdk[0], mapSdk[1], mapOurs[0], mapOurs[1]);
        row("alloc_ratio_http_vs_sdk", "bytes/op, sign + map (GC profiler): ours %.0f + %.0f / sdk %.0f + %.0f",
                signOurs[2], mapOurs[2], signSdk[2], mapSdk[2]);
    }

    /** End to end over plain http ({@code tls} false: the keys without "https") or https (keys with it). */
    private void endToEnd(boolean tls) throws Exception {
        // more, shorter rounds rather than few long ones: on a shared machine one slow slice moves a median of 3
        // (http/bare read 0.78 to 0.94 over four runs of 3 x 3 s the same day)
        Duration slice = Duration.ofSeconds(quick ? 2 : 4);
        int rounds = quick ? 5 : 9;
        String scheme = tls ? "https_" : "";
        try (FixedResponseServer server = new FixedResponseServer(tls)) {
            Map<String, EndToEnd.Client> clients = EndToEnd.clients(server.endpoint(), server.certificate());
            // the JIT needs about 15 s of traffic before the adapters' figures settle (measured: http went from 1,400
            // to 4,900 req/s over six 2 s rounds); warm every client in turns for that long before measuring
            for (int round = 0; round < (quick ? 4 : 8); round++) {
                for (EndToEnd.Client client : clients.values()) {
                    EndToEnd.run(client, 1, Duration.ofSeconds(1), new EndToEnd.Figures());
                    EndToEnd.run(client, 8, Duration.ofSeconds(1), new EndToEnd.Figures());
                }
            }
            // each round measures every client once; a ratio is taken per round, and the median of the rounds is
            // the figure (one noisy round on a shared machine must not move it)
            Map<String, EndToEnd.Figures> sequential = new LinkedHashMap<>();
            Map<String, EndToEnd.Figures> parallel = new LinkedHashMap<>();
            List<Double> httpVsSdk = new ArrayList<>();
            List<Double> httpVsBare = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Map<String, EndToEnd.Figures> one = new LinkedHashMap<>();
                Map<String, EndToEnd.Figures> eight = new LinkedHashMap<>();
                for (Map.Entry<String, EndToEnd.Client> client : clients.entrySet()) {
                    EndToEnd.run(client.getValue(), 1, slice, one.computeIfAbsent(client.getKey(),
                            k -> new EndToEnd.Figures()));
                    EndToEnd.run(client.getValue(), 8, slice, eight.computeIfAbsent(client.getKey(),
                            k -> new EndToEnd.Figures()));
                }
                httpVsSdk.add(eight.get("http").requestsPerSecond() / eight.get("sdk").requestsPerSecond());
                httpVsBare.add(eight.get("http").requestsPerSecond() / eight.get("bare").requestsPerSecond());
                p99.add(one.get("http").percentileMillis(0.99) / one.get("sdk").percentileMillis(0.99));
                // the raw rows show the last round
                sequential.putAll(one);
                parallel.putAll(eight);
            }
            results.put("throughput_ratio_" + scheme + "http_vs_sdk", median(httpVsSdk));
            results.put("throughput_ratio_" + scheme + "http_vs_bare", median(httpVsBare));
            row("throughput_ratio_" + scheme + "http_vs_sdk", "8 threads, median of %d rounds (%s)", rounds,
                    spread(httpVsSdk));
            row("throughput_ratio_" + scheme + "http_vs_bare", "8 threads, median of %d rounds (%s)", rounds,
                    spread(httpVsBare));
            if (!tls) {
                results.put("p99_ratio_http_vs_sdk", median(p99));
                row("p99_ratio_http_vs_sdk", "1 thread p99, median of %d rounds (%s)", rounds, spread(p99));
            }
            for (String name : clients.keySet()) {
                EndToEnd.Figures one = sequential.get(name);
                EndToEnd.Figures eight = parallel.get(name);
                rows.add(String.format(Locale.ROOT, "| (raw, last round) " + scheme + "%s | | 1 thread: %.0f req/s, "
                        + "p50 %.3f ms, p99 %.3f ms; "
                        + "8 threads: %.0f req/s, p50 %.3f ms, p99 %.3f ms; failed exchanges %d of %d |", name,
                        one.requestsPerSecond(), one.percentileMillis(0.5), one.percentileMillis(0.99),
                        eight.requestsPerSecond(), eight.percentileMillis(0.5), eight.percentileMillis(0.99),
                        one.errors + eight.errors, one.requests + eight.requests + one.errors + eight.errors));
            }
        }
    }

    /**
     * New JVM to first result: from starting the child until its result line reaches us, as the issue defines it.
     * The child then closes its query and exits, and the time to its exit is reported beside: on Java 17 a JDK
     * {@code HttpClient} no longer used still costs about 0.3 s at exit (../shared/reference/jvm-startup.md), and
     * the command line's figure below includes that part as users meet it.
     */
    private void coldStart(boolean tls) throws Exception {
        int runs = quick ? 5 : 9;
        String key = tls ? "cold_start_ratio_https_http_vs_sdk" : "cold_start_ratio_http_vs_sdk";
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> http = new ArrayList<>();
        List<Double> sdk = new ArrayList<>();
        List<Double> httpExit = new ArrayList<>();
        List<Double> sdkExit = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (FixedResponseServer server = new FixedResponseServer(tls)) {
            for (int i = 0; i < runs; i++) {
                double[] one = timeChild(java, httpClasspath, ColdStartHttp.class.getName(), server);
                http.add(one[0]);
                httpExit.add(one[1]);
                double[] other = timeChild(java, sdkClasspath, ColdStartSdk.class.getName(), server);
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
            RecordingQuery query = RecordingQueries.resilient(HttpRecordingQuery.builder()
                    .endpoint(emulator.endpoint())
                    .credentials(io.gmerecording.core.Credentials.of(AcceptedKey.DEMO.secretId(),
                            AcceptedKey.DEMO.secretKey()))
                    .build()).maxRequestsPerSecond(20).build();
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
            results.put("rate_limit_utilization", rate / 20);
            row("rate_limit_utilization", "%d tasks in %.2f s = %.2f req/s of 20; throttling errors %d, failed %d, "
                    + "busiest second %d requests", tasks, seconds, rate, throttled, failed, busiest);
        }
    }

    /**
     * The command line as users run it: {@code bin/gme-recording describe --output json} of one task against a local
     * http emulator, whole process, http and sdk adapters in turns; a warm-up run each first (it makes the launcher's
     * class-data archive, and the jar if it is stale).
     */
    private void cliOneShot() throws Exception {
        int runs = quick ? 5 : 9;
        Path launcher = out.toAbsolutePath().getParent().getParent().resolve("bin").resolve("gme-recording");
        List<Double> http = new ArrayList<>();
        List<Double> sdk = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (GmeEmulator emulator = GmeEmulator.builder().build()) {
            for (int i = -1; i < runs; i++) {
                double h = timeCli(launcher, emulator.endpoint(), "http");
                double s = timeCli(launcher, emulator.endpoint(), "sdk");
                if (i >= 0) {
                    http.add(h);
                    sdk.add(s);
                    ratios.add(h / s);
                }
            }
        }
        results.put("cli_one_shot_ms_http", median(http));
        results.put("cli_one_shot_ratio_http_vs_sdk", median(ratios));
        row("cli_one_shot_ms_http", "bin/gme-recording describe, one task, local http emulator, JSON, median of %d "
                + "(%s ms)", runs, spread(http));
        row("cli_one_shot_ratio_http_vs_sdk", "the same with --adapter sdk: %.0f ms median (%s ms); ratio per pair, "
                + "median (%s)", median(sdk), spread(sdk), spread(ratios));
    }

    private static double timeCli(Path launcher, String endpoint, String adapter) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "describe", "--biz-id", "3400352518",
                "--task-id", "446192236330927912", "--endpoint", endpoint, "--output", "json", "--adapter", adapter)
                .redirectErrorStream(true);
        builder.environment().put("TENCENTCLOUD_SECRET_ID", AcceptedKey.DEMO.secretId());
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", AcceptedKey.DEMO.secretKey());
        builder.environment().put("GME_RECORDING_METADATA_ENDPOINT", "http://127.0.0.1:9");
        long started = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0
                || !new String(output, StandardCharsets.UTF_8).contains("\"roomId\":\"7743\"")) {
            throw new IllegalStateException("the CLI failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return (System.nanoTime() - started) / 1e6;
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
