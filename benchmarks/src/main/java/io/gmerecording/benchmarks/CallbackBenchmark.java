package io.gmerecording.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.gmerecording.callbacks.CallbackHttpHandler;
import io.gmerecording.callbacks.CallbackListener;
import io.gmerecording.callbacks.CallbackReceiver;
import io.gmerecording.callbacks.RecordingEvent;
import io.gmerecording.callbacks.RecordingEventType;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.CallbackTarget;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.testing.JumpingTime;
import io.gmerecording.testing.MomentTime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rooms recorded, stopped and tracked to NOTIFIED against the emulator's lifecycle, on one simulated clock, with the
 * emulator's callbacks fed to the tracker as hints (or without them, for the polling-only figure beside): requests
 * per finished task, and how long after the emulator's upload event the tracker reported each end. A room records 5
 * to 25 simulated minutes; its files reach NOTIFIED four 30-second steps after its stop. The clock stops at every
 * stop and every upload so their callbacks are delivered then; the tracker's budget is 20 requests per second.
 */
final class CallbackBenchmark {

    private static final long BIZ_ID = 1400000001L;
    private static final String APP_KEY = "benchmark-app-permission-key";
    private static final Duration STEP = Duration.ofSeconds(30);
    static final Duration RECONCILIATION = Duration.ofMinutes(30);

    private CallbackBenchmark() {
    }

    /** What one run measured. */
    static final class Figures {
        final int tasks;
        final int ended;
        final int endedTwice;
        final int reached;
        final long requests;
        final List<Double> readyLatencyMillis;
        final int deliveries;

        Figures(int tasks, int ended, int endedTwice, int reached, long requests, List<Double> readyLatencyMillis,
                int deliveries) {
            this.tasks = tasks;
            this.ended = ended;
            this.endedTwice = endedTwice;
            this.reached = reached;
            this.requests = requests;
            this.readyLatencyMillis = readyLatencyMillis;
            this.deliveries = deliveries;
        }

        double requestsPerFinishedTask() {
            return requests / (double) ended;
        }

        double latencyPercentile(double p) {
            List<Double> sorted = new ArrayList<>(readyLatencyMillis);
            Collections.sort(sorted);
            return sorted.isEmpty() ? Double.NaN
                    : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }

    /**
     * Runs {@code tasks} rooms; {@code callbacks} feeds the emulator's events to the tracker, of which {@code dropped}
     * (a share) are never sent.
     */
    static Figures run(int tasks, boolean callbacks, double dropped) throws Exception {
        JumpingTime clock = new JumpingTime();
        MomentTime time = new MomentTime(clock);
        Map<TaskRef, Long> notifiedAt = new ConcurrentHashMap<>();
        Map<TaskRef, Long> uploadedAt = new ConcurrentHashMap<>();
        Map<TaskRef, Integer> endCounts = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reached = new AtomicInteger();
        CountDownLatch allEnded = new CountDownLatch(tasks);
        RecordingTracker[] tracker = new RecordingTracker[1];
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.createContext("/callback", new CallbackHttpHandler(CallbackReceiver.builder(APP_KEY).build(),
                new CallbackListener() {
                    @Override
                    public void event(RecordingEvent event) {
                        if (event.type() == RecordingEventType.UPLOADED) {
                            uploadedAt.putIfAbsent(event.task(), clock.nanoTime());
                        }
                        tracker[0].hint(event.task(), event.type().announces());
                    }
                }));
        receiver.start();
        GmeEmulator.Builder emulatorBuilder = GmeEmulator.builder().clock(clock).simulationStep(STEP)
                .accept(AcceptedKey.DEMO);
        if (callbacks) {
            emulatorBuilder.callbacks(CallbackTarget.to(URI.create("http://127.0.0.1:" + receiver.getAddress()
                    .getPort() + "/callback"), APP_KEY).withDropped(dropped).withSeed(41).withRetries(0,
                            Duration.ZERO));
        }
        Credentials key = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());
        try (GmeEmulator emulator = emulatorBuilder.build();
                Transport control = HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock)
                        .credentials(key).build();
                GmeRecording client = GmeRecording.builder().transport(HttpTransport.builder()
                        .endpoint(emulator.endpoint()).clock(clock).credentials(key).build()).timeSource(time)
                        .maxRateLimitWait(Duration.ofDays(1)).build()) {
            TrackerListener listener = new TrackerListener() {
                @Override
                public void onEnd(TaskEnd end) {
                    if (endCounts.merge(end.task(), 1, Integer::sum) == 1) {
                        if (end.outcome() == TaskEnd.Outcome.REACHED) {
                            reached.incrementAndGet();
                        }
                        Long uploaded = uploadedAt.get(end.task());
                        long notified = notifiedAt.getOrDefault(end.task(), clock.nanoTime());
                        latencies.add((clock.nanoTime() - (uploaded != null ? uploaded : notified)) / 1e6);
                        allEnded.countDown();
                    }
                }
            };
            tracker[0] = client.newTracker(settings -> {
                settings.listener(listener).concurrency(1).timeout(Duration.ofHours(6));
                if (callbacks) {
                    settings.reconciliationInterval(RECONCILIATION);
                }
            });
            Random random = new Random(37);
            for (int i = 1; i <= tasks; i++) {
                String roomId = "bench-" + i;
                emulator.room(BIZ_ID, roomId).join("u" + i);
                TaskRef task = control.startRecord(RoomRef.of(BIZ_ID, roomId), RecordMode.SINGLE_STREAM,
                        Subscription.everyone()).task();
                long stopAt = clock.nanoTime() + Duration.ofMinutes(5).toNanos()
                        + (long) (random.nextDouble() * Duration.ofMinutes(20).toNanos());
                time.at(stopAt, () -> {
                    control.stopRecord(task);
                    emulator.deliverCallbacks();
                });
                long notified = stopAt + STEP.multipliedBy(4).toNanos();
                notifiedAt.put(task, notified);
                time.at(notified, emulator::deliverCallbacks);
                tracker[0].track(task, RecordStatus.NOTIFIED);
                clock.advanceMillis(50); // the starts at 20 a second, within the emulator's limit per action
            }
            emulator.deliverCallbacks();
            tracker[0].start();
            if (!allEnded.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the tasks did not all end: " + allEnded.getCount() + " left");
            }
            long requests = tracker[0].requests();
            tracker[0].close();
            int twice = (int) endCounts.values().stream().filter(count -> count > 1).count();
            return new Figures(tasks, endCounts.size(), twice, reached.get(), requests, latencies,
                    emulator.callbackDeliveries().size());
        } finally {
            receiver.stop(0);
        }
    }
}
