package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.testing.JumpingTime;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A long run, not a test: N tasks (10,000 by default) tracked until NOTIFIED against the emulator, under its 20
 * requests per second counted per account. The emulator and the tracker share a simulated clock that jumps whenever
 * everybody waits, so an hour of tracking takes a minute or two of real requests over loopback. Reports requests
 * per finished task, the worst staleness (how far behind its interval a request went out) and the heap per tracked
 * task. {@code benchmarks/long-run.sh tracker [N]}.
 */
public final class TrackerBenchmark {

    private static final long BIZ_ID = 1400000001L;

    private TrackerBenchmark() {
    }

    /** What one long run measured. */
    static final class Figures {
        final int tasks;
        final Map<TaskEnd.Outcome, Integer> ends;
        final double simulatedMinutes;
        final double realSeconds;
        final long requests;
        final double requestsPerFinishedTask;
        final double worstStalenessSeconds;
        final long bytesPerTask;
        final int busiestSecond;
        final long throttled;

        Figures(int tasks, Map<TaskEnd.Outcome, Integer> ends, double simulatedMinutes, double realSeconds,
                long requests, double worstStalenessSeconds, long bytesPerTask, int busiestSecond, long throttled) {
            this.tasks = tasks;
            this.ends = ends;
            this.simulatedMinutes = simulatedMinutes;
            this.realSeconds = realSeconds;
            this.requests = requests;
            this.requestsPerFinishedTask = requests / (double) ends.values().stream().mapToInt(Integer::intValue)
                    .sum();
            this.worstStalenessSeconds = worstStalenessSeconds;
            this.bytesPerTask = bytesPerTask;
            this.busiestSecond = busiestSecond;
            this.throttled = throttled;
        }
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Figures figures = run(tasks, progress -> System.out.println(progress));
        System.out.printf("tasks %,d, ends %s, the last after %.1f simulated minutes (%.0f s real)%n", figures.tasks,
                figures.ends, figures.simulatedMinutes, figures.realSeconds);
        System.out.printf("requests %,d, requests per finished task %.2f, worst staleness %.1f s%n",
                figures.requests, figures.requestsPerFinishedTask, figures.worstStalenessSeconds);
        System.out.printf("bytes per tracked task %,d%n", figures.bytesPerTask);
        System.out.printf("emulator, its last requests: most in any 1 s window %d, RequestLimitExceeded %d%n",
                figures.busiestSecond, figures.throttled);
    }

    /** Tracks {@code tasks} simulated tasks until every one ended; {@code progress} hears every 30 s. */
    static Figures run(int tasks, java.util.function.Consumer<String> progress) throws Exception {
        Path fixtures = Files.createTempFile("tracker-fixtures", ".json");
        Random random = new Random(25);
        StringBuilder json = new StringBuilder("{\"tasks\": [");
        for (int i = 1; i <= tasks; i++) {
            // each task moves one status every 1 to 10 minutes: done after 5 to 50 minutes
            json.append(i == 1 ? "" : ",").append("{\"BizId\": ").append(BIZ_ID).append(", \"TaskId\": ").append(i)
                    .append(", \"RoomId\": \"room-").append(i).append("\", \"RecordMode\": 1, \"Simulated\": ")
                    .append("{\"StepMillis\": ").append(60_000 + random.nextInt(540_000)).append("}, ")
                    .append("\"RecordInfo\": [{\"RecordStatus\": 2, \"RecordBeginTime\": 1795514400, \"UserId\": ")
                    .append("\"u").append(i).append("\", \"FileName\": \"f").append(i).append(".mp3\"}]}");
        }
        Files.writeString(fixtures, json.append("]}"), StandardCharsets.UTF_8);
        JumpingTime time = new JumpingTime();
        long origin = time.nanoTime();
        Map<TaskEnd.Outcome, Integer> ends = new EnumMap<>(TaskEnd.Outcome.class);
        CountDownLatch allEnded = new CountDownLatch(tasks);
        long[] lastEnd = new long[1];
        TrackerListener listener = new TrackerListener() {
            @Override
            public void onEnd(TaskEnd end) {
                synchronized (ends) {
                    ends.merge(end.outcome(), 1, Integer::sum);
                    lastEnd[0] = time.nanoTime();
                }
                allEnded.countDown();
            }
        };
        try (GmeEmulator emulator = GmeEmulator.builder().clock(time).fixtures(Fixtures.load(fixtures)).build();
                // requests are signed on the simulated clock too, or the emulator would find them hours stale
                GmeRecording client = GmeRecording.builder().transport(HttpTransport.builder()
                        .endpoint(emulator.endpoint()).clock(time)
                        .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey()))
                        .build()).timeSource(time).maxRateLimitWait(Duration.ofDays(1)).build()) {
            long heapBefore = EmulatorSoak.liveHeap(ManagementFactory.getMemoryMXBean());
            try (RecordingTracker tracker = client.newTracker(settings -> settings.listener(listener).concurrency(1)
                    .timeout(Duration.ofHours(24)))) {
                for (int i = 1; i <= tasks; i++) {
                    tracker.track(TaskRef.of(BIZ_ID, i), RecordStatus.NOTIFIED);
                }
                long heapTracked = EmulatorSoak.liveHeap(ManagementFactory.getMemoryMXBean());
                long started = System.nanoTime();
                tracker.start();
                while (!allEnded.await(30, TimeUnit.SECONDS)) {
                    progress.accept(String.format("%,d requests, %,d tasks left, %.0f simulated minutes",
                            tracker.requests(), tracker.trackedCount(), (time.nanoTime() - origin) / 60e9));
                }
                return new Figures(tasks, ends, (lastEnd[0] - origin) / 60e9, (System.nanoTime() - started) / 1e9,
                        tracker.requests(), tracker.worstStaleness().toMillis() / 1000.0,
                        (heapTracked - heapBefore) / tasks,
                        emulator.requestLog().maxInAnyWindow(Duration.ofSeconds(1)),
                        emulator.requestLog().count("RequestLimitExceeded"));
            }
        } finally {
            Files.deleteIfExists(fixtures);
        }
    }
}
