package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackedTaskStore;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.redis.RedisLocation;
import io.gmerecording.redis.RedisPermitSource;
import io.gmerecording.redis.RedisTrackedTaskStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long run, not a test: three JVMs track N tasks (3,000 by default) together against one emulator, through one
 * Redis (the tracked-task store and one budget of 20 requests per second); one is killed ({@code kill -9}) a third
 * of the way and started again later; then one JVM alone tracks the same tasks against a fresh emulator. Prints every
 * task's end delivered or not, ends delivered twice, requests per finished task for both runs and the most requests
 * the emulator saw in any second. {@code benchmarks/shared-tracking.sh [N]} (which starts the Redis).
 */
public final class SharedTrackingRun {

    private static final long BIZ_ID = 1400000002L;
    private static final Credentials DEMO = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());
    private static final long PATIENCE_MILLIS = TimeUnit.MINUTES.toMillis(40);

    private SharedTrackingRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("replica")) {
            replica(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]), Paths.get(args[5]),
                    args[6].equals("shared"));
            return;
        }
        String redis = args[0];
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Path work = Files.createTempDirectory("shared-tracking");
        Run shared = orchestrate(redis, tasks, work, 3);
        Run alone = orchestrate(redis, tasks, work, 1);
        System.out.printf("three JVMs, one killed at %d ends and %s: %,d of %,d tasks' ends delivered, %d delivered "
                + "twice (%s)%n", shared.killedAt, shared.restartDelaySeconds == 0 ? "not started again (every task "
                + "ended first)" : "started again " + shared.restartDelaySeconds + " s later", shared.distinctEnds,
                tasks, shared.twice, shared.twiceWhere);
        System.out.printf("requests per finished task: three JVMs %.2f, one JVM %.2f (%+.1f%%)%n",
                shared.requestsPerTask(), alone.requestsPerTask(),
                100 * (shared.requestsPerTask() / alone.requestsPerTask() - 1));
        System.out.printf("most requests in any second: three JVMs %d, one JVM %d; RequestLimitExceeded %d and %d%n",
                shared.busiestSecond, alone.busiestSecond, shared.throttled, alone.throttled);
        System.out.printf("elapsed: three JVMs %.0f s, one JVM %.0f s%n", shared.seconds, alone.seconds);
    }

    /** What one run measured. */
    private static final class Run {
        int distinctEnds;
        int twice;
        String twiceWhere = "none";
        long requests;
        int busiestSecond;
        long throttled;
        double seconds;
        int killedAt = -1;
        long restartDelaySeconds;

        double requestsPerTask() {
            return requests / (double) distinctEnds;
        }
    }

    private static Run orchestrate(String redis, int tasks, Path work, int jvms) throws Exception {
        StringBuilder json = new StringBuilder("{\"tasks\": [");
        for (int i = 1; i <= tasks; i++) {
            // every file NOTIFIED 12 s after the task is first described
            json.append(i == 1 ? "" : ",").append("{\"BizId\": ").append(BIZ_ID).append(", \"TaskId\": ").append(i)
                    .append(", \"RoomId\": \"room-").append(i).append("\", \"RecordMode\": 1, \"Simulated\": ")
                    .append("{\"StepMillis\": 2000}, \"RecordInfo\": [{\"RecordStatus\": 2, \"RecordBeginTime\": ")
                    .append("1795514400, \"UserId\": \"u").append(i).append("\", \"FileName\": \"f").append(i)
                    .append(".mp3\"}]}");
        }
        Run run = new Run();
        String prefix = "run-" + jvms + "-" + System.nanoTime();
        try (GmeEmulator emulator = GmeEmulator.builder().requestLogCapacity(1_000_000)
                .fixtures(Fixtures.parse(json.append("]}").toString().getBytes(StandardCharsets.UTF_8), "run"))
                .build()) {
            List<Process> replicas = new ArrayList<>();
            List<Path> endFiles = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < jvms; i++) {
                Path ends = work.resolve(prefix + "-replica-" + i + ".ends");
                endFiles.add(ends);
                long from = 1 + (long) i * tasks / jvms;
                long to = (long) (i + 1) * tasks / jvms;
                replicas.add(start(redis + "#" + prefix, emulator.endpoint(), from, to, ends, jvms > 1));
            }
            long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
            Process restarted = null;
            long killedWhen = 0;
            while (System.currentTimeMillis() < deadline) {
                Map<String, Integer> seen = ends(endFiles);
                if (seen.size() >= tasks) {
                    break;
                }
                if (jvms > 1 && run.killedAt < 0 && seen.size() >= tasks / 3) {
                    replicas.get(1).destroyForcibly().waitFor(); // SIGKILL: no hand-over, no acknowledgement
                    run.killedAt = seen.size();
                    killedWhen = System.currentTimeMillis();
                    System.out.println("killed replica 1 at " + seen.size() + " ends");
                }
                if (run.killedAt >= 0 && restarted == null && System.currentTimeMillis() - killedWhen > 40_000) {
                    Path ends = work.resolve(prefix + "-replica-1-restarted.ends");
                    endFiles.add(ends);
                    restarted = start(redis + "#" + prefix, emulator.endpoint(), 1, 0, ends, true);
                    replicas.add(restarted);
                    run.restartDelaySeconds = (System.currentTimeMillis() - killedWhen) / 1000;
                    System.out.println("started replica 1 again (it tracks nothing new: it takes over)");
                }
                TimeUnit.SECONDS.sleep(1); // another process's progress, looked at once a second
            }
            run.seconds = (System.nanoTime() - started) / 1e9;
            for (Process replica : replicas) {
                replica.getOutputStream().close(); // asks it to stop; a killed one is gone already
            }
            for (Process replica : replicas) {
                if (!replica.waitFor(20, TimeUnit.SECONDS)) {
                    replica.destroyForcibly();
                }
            }
            Map<String, Integer> seen = ends(endFiles);
            run.distinctEnds = (int) seen.keySet().stream().map(line -> line.split(" ")[1]).distinct().count();
            List<String> doubled = new ArrayList<>();
            seen.forEach((id, count) -> {
                if (count > 1) {
                    doubled.add(id);
                }
            });
            run.twice = doubled.size();
            if (!doubled.isEmpty()) {
                run.twiceWhere = "first delivered by the killed replica, which died before acknowledging: "
                        + doubled.stream().allMatch(id -> lastLines(endFiles.get(1), 20).contains(id));
            }
            run.requests = emulator.requestLog().entries().size();
            run.busiestSecond = emulator.requestLog().maxInAnyWindow(Duration.ofSeconds(1));
            run.throttled = emulator.requestLog().count("RequestLimitExceeded");
        }
        return run;
    }

    /** Each end id delivered, and how many times, over the replicas' files. */
    private static Map<String, Integer> ends(List<Path> files) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("end ")) {
                        seen.merge(line.substring(4), 1, Integer::sum);
                    }
                }
            }
        }
        return seen;
    }

    private static String lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static Process start(String redis, String endpoint, long from, long to, Path ends, boolean shared)
            throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-Dsun.net.httpserver.nodelay=true", "-cp",
                System.getProperty("java.class.path"), SharedTrackingRun.class.getName(), "replica", redis, endpoint,
                Long.toString(from), Long.toString(to), ends.toString(), shared ? "shared" : "alone")
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * One replica: tracks tasks {@code from} to {@code to} (none when from > to: it only takes over) under the budget
     * shared through Redis, in the store named after the run (or in memory, alone), writing a line per end its
     * listener heard; stops when its standard input closes.
     */
    private static void replica(String redisAndRun, String endpoint, long from, long to, Path endsFile,
            boolean shared) throws Exception {
        String redis = redisAndRun.substring(0, redisAndRun.indexOf('#'));
        String run = redisAndRun.substring(redisAndRun.indexOf('#') + 1);
        RedisLocation location = RedisLocation.parse(redis);
        try (PrintStream ends = new PrintStream(Files.newOutputStream(endsFile), true, "UTF-8");
                RedisTrackedTaskStore store = shared ? RedisTrackedTaskStore.builder(location).name(run).build() : null;
                GmeRecording client = GmeRecording.builder().transport(HttpTransport.builder().endpoint(endpoint)
                        .credentials(DEMO).build())
                        .permits(RedisPermitSource.builder(location, run).requestsPerSecond(20)
                                .maxWait(Duration.ofMinutes(10)).perAction())
                        .build();
                RecordingTracker tracker = client.newTracker(settings -> settings.concurrency(4)
                        .store(store == null ? TrackedTaskStore.inMemory() : store).listener(new TrackerListener() {
                            @Override
                            public void onEnd(TaskEnd end) {
                                ends.println("end " + end.id().orElse("-") + " " + end.task().taskId() + " "
                                        + end.outcome());
                            }
                        }))) {
            for (long id = from; id <= to; id++) {
                tracker.track(TaskRef.of(BIZ_ID, id), RecordStatus.NOTIFIED);
            }
            tracker.start();
            while (System.in.read() >= 0) {
                // runs until the orchestrator closes this replica's standard input
            }
        }
    }
}
