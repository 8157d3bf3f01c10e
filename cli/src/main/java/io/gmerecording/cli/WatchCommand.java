package io.gmerecording.cli;

import io.gmerecording.callbacks.CallbackListener;
import io.gmerecording.callbacks.CallbackReceiver;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskChange;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackedTaskStore;
import io.gmerecording.core.policy.TrackerListener;
import io.gmerecording.redis.RedisTrackedTaskStore;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Track one or many tasks until every recording reaches a status, printing each change.")
final class WatchCommand implements Callable<Integer> {

    static final double MAX_INTERVAL_SECONDS = 86_400;
    static final double MAX_TIMEOUT_SECONDS = 366 * 86_400;
    static final int MAX_TASKS = 100_000;

    @ParentCommand
    GmeRecordingCli parent;

    @Option(names = "--biz-id", required = true, converter = PositiveIdConverter.class, description = "Application ID.")
    long bizId;

    @Option(names = "--task-id", converter = PositiveIdConverter.class,
            description = "Task ID; repeat for several tasks.")
    List<Long> taskIds = new ArrayList<>();

    @Option(names = "--task-file", paramLabel = "FILE",
            description = "Task IDs, one per line; blank lines and lines starting with # are skipped.")
    Path taskFile;

    @Option(names = "--until", defaultValue = "NOTIFIED", paramLabel = "STATUS",
            description = "RECORDING, AWAITING_TRANSCODE, TRANSCODING, UPLOADING, UPLOADED or NOTIFIED (default).")
    String until;

    @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS",
            description = "Pause between two requests for a task. Default: ${DEFAULT-VALUE}.")
    double intervalSeconds;

    @Option(names = "--recording-interval", paramLabel = "SECONDS",
            description = "The pause while a task is RECORDING (or shows no recording yet). Default: --interval.")
    Double recordingIntervalSeconds;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Give up on a task (exit 1) this long after watching began. Default: ${DEFAULT-VALUE}.")
    double waitTimeoutSeconds;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N",
            description = "Requests in flight at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--output", defaultValue = "table",
            description = "table (default) or json (one object per change or end).")
    DescribeCommand.Output output;

    @Option(names = "--callbacks", paramLabel = "PORT", description = "Also receive the recording callbacks on this "
            + "loopback port (0 picks a free one; put a proxy in front to take them from the service): each event makes "
            + "its task asked about at once, and tasks whose callbacks keep up poll only every --reconciliation. "
            + "Needs --app-key-file.")
    Integer callbacksPort;

    @Option(names = "--app-key-file", paramLabel = "FILE", description = "With --callbacks: a file holding the "
            + "application's permission key the callbacks are signed with.")
    Path appKeyFile;

    @Option(names = "--reconciliation", paramLabel = "SECONDS", defaultValue = "1800",
            description = "With --callbacks: the pause between requests for a task while its callbacks keep up. "
                    + "Default: ${DEFAULT-VALUE}.")
    double reconciliationSeconds;

    @Option(names = "--store", paramLabel = "redis://HOST:PORT[/DB]", description = "Keep the watched tasks in Redis: "
            + "a watch stopped (Ctrl-C, a crash) and run again goes on where it was, and several watches over one "
            + "store share the tasks (see docs/tracker.md).")
    String store;

    @Option(names = "--store-name", defaultValue = "default", paramLabel = "NAME",
            description = "The store's name in Redis (letters, digits, . _ -). Default: ${DEFAULT-VALUE}.")
    String storeName;

    @Option(names = "--quiet", description = "No status line on a terminal (there is never one on a pipe, in a "
            + "file or with --output json).")
    boolean quiet;

    @Mixin
    QueryOptions query;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment environment = parent.environment;
        RecordStatus target = parseStatus(until);
        requireSeconds("--interval", intervalSeconds, MAX_INTERVAL_SECONDS);
        if (recordingIntervalSeconds != null) {
            requireSeconds("--recording-interval", recordingIntervalSeconds, MAX_INTERVAL_SECONDS);
        }
        requireSeconds("--timeout", waitTimeoutSeconds, MAX_TIMEOUT_SECONDS);
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 256, got " + concurrency);
        }
        if ((callbacksPort == null) != (appKeyFile == null)) {
            throw new IllegalArgumentException("--callbacks and --app-key-file go together: the callbacks are signed "
                    + "with the application's key");
        }
        requireSeconds("--reconciliation", reconciliationSeconds, MAX_INTERVAL_SECONDS);
        if (store == null && !"default".equals(storeName)) {
            throw new IllegalArgumentException("--store-name names a store in Redis: it needs --store");
        }
        CallbackReceiver receiver = callbacksPort == null ? null
                : CallbacksCommand.receiver(appKeyFile, null, environment);
        Set<Long> ids = taskIds();
        CountDownLatch ended = new CountDownLatch(ids.size());
        AtomicInteger reached = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<TaskRef> unfinished = ConcurrentHashMap.newKeySet();
        Map<TaskRef, RecordStatus> lastSeen = new ConcurrentHashMap<>();
        RecordingTracker[] tracking = new RecordingTracker[1];
        long started = environment.time.nanoTime();
        boolean json = output == DescribeCommand.Output.json;
        StatusLine status = StatusLine.on(environment, !json && !quiet, () -> statusLine(ids.size(), unfinished,
                lastSeen, reached.get(), failed.get(), tracking[0], (environment.time.nanoTime() - started) / 1e9));
        WatchPrinter printer = new WatchPrinter(environment, json, status);
        AtomicBoolean interrupted = new AtomicBoolean();
        TrackerListener listener = new TrackerListener() {
            @Override
            public void onChange(TaskChange change) {
                lastSeen.put(change.task(), change.current());
                printer.change(change);
                stopIfNoOneReads();
            }

            @Override
            public void onEnd(TaskEnd end) {
                if (!unfinished.remove(end.task())) {
                    printer.end(end); // over a store: a task an earlier watch left there, reported, not counted
                    stopIfNoOneReads();
                    return;
                }
                if (end.outcome() == TaskEnd.Outcome.REACHED) {
                    reached.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                printer.end(end);
                ended.countDown();
                stopIfNoOneReads();
            }

            /** Output that cannot be written (| head exited, a full disk) ends the watch now, not at --timeout. */
            private void stopIfNoOneReads() {
                if (environment.outputFailed()) {
                    endTheWait(ended);
                }
            }
        };
        // Ctrl-C or SIGTERM: the tracker stops, its places in the budget go back, and each unfinished task is named
        try (Interrupts.Handle interruption = environment.interrupts.register(() -> {
            interrupted.set(true);
            endTheWait(ended);
        })) {
            try (GmeRecording client = query.open(environment);
                    RedisTrackedTaskStore taskStore = store == null ? null : SharedLimit.taskStore(store, storeName,
                            seconds(query.redisTimeoutSeconds))) {
                try (RecordingTracker tracker = client.newTracker(settings -> configure(settings.listener(listener)
                        .concurrency(Math.min(concurrency, ids.size())).timeout(seconds(waitTimeoutSeconds))
                        .store(taskStore == null ? TrackedTaskStore.inMemory() : taskStore)));
                        CallbacksCommand.Endpoint callbacks = receiver == null ? null
                                : CallbacksCommand.Endpoint.start("127.0.0.1", callbacksPort, "/", receiver,
                                        CallbackListener.hinting(tracker, null))) {
                    tracking[0] = tracker;
                    if (callbacks != null) {
                        environment.err.println("receiving callbacks on " + callbacks.url());
                        environment.err.flush();
                    }
                    for (long id : ids) {
                        TaskRef task = TaskRef.of(bizId, id);
                        unfinished.add(task);
                        tracker.track(task, target);
                    }
                    tracker.start();
                    try (StatusLine.Redrawing redrawing = status.everySecond()) {
                        ended.await();
                    }
                }
            }
            // the tracker is closed: no event can come after these lines
            if (interrupted.get() && !unfinished.isEmpty()) {
                for (long id : ids) {
                    TaskRef task = TaskRef.of(bizId, id);
                    if (unfinished.contains(task)) {
                        printer.interrupted(task, lastSeen.get(task));
                    }
                }
                printer.interruptedSummary(reached.get(), ids.size(), target);
                return GmeRecordingCli.INTERRUPTED;
            }
            printer.summary(reached.get(), ids.size(), target);
            return reached.get() == ids.size() ? GmeRecordingCli.OK : GmeRecordingCli.FAILED;
        }
    }

    /** One line: how many tasks are where, ended, failed, the worst staleness now, the request rate so far. */
    static String statusLine(int tasks, Set<TaskRef> unfinished, Map<TaskRef, RecordStatus> lastSeen, int reached,
            int failed, RecordingTracker tracker, double seconds) {
        Map<RecordStatus, Integer> byStatus = new java.util.EnumMap<>(RecordStatus.class);
        int unseen = 0;
        for (TaskRef task : unfinished) {
            RecordStatus status = lastSeen.get(task);
            if (status == null) {
                unseen++;
            } else {
                byStatus.merge(status, 1, Integer::sum);
            }
        }
        StringBuilder line = new StringBuilder().append(tasks).append(" tasks:");
        byStatus.forEach((status, count) -> line.append(' ').append(status).append(' ').append(count));
        if (unseen > 0) {
            line.append(" not seen yet ").append(unseen);
        }
        line.append(" | ended ").append(reached + failed).append(" (failed ").append(failed).append(')');
        if (tracker != null) {
            line.append(String.format(java.util.Locale.ROOT, " | staleness %.1f s | %.1f req/s",
                    tracker.currentStaleness().toMillis() / 1000.0, seconds > 0 ? tracker.requests() / seconds : 0));
        }
        return line.toString();
    }

    /** The intervals of --interval and --recording-interval; a status this version does not know keeps the library's. */
    private void configure(RecordingTracker.Builder settings) {
        for (RecordStatus status : RecordStatus.values()) {
            if (status != RecordStatus.UNRECOGNIZED) {
                settings.interval(status, seconds(intervalSeconds));
            }
        }
        if (recordingIntervalSeconds != null) {
            settings.interval(RecordStatus.RECORDING, seconds(recordingIntervalSeconds));
        }
        if (callbacksPort != null) {
            settings.reconciliationInterval(seconds(reconciliationSeconds));
        }
    }

    private static void endTheWait(CountDownLatch ended) {
        while (ended.getCount() > 0) {
            ended.countDown();
        }
    }

    /** The ids of --task-id and --task-file, in order, each once. */
    private Set<Long> taskIds() {
        Set<Long> ids = new LinkedHashSet<>(taskIds);
        if (taskFile != null) {
            ids.addAll(readTaskFile(taskFile));
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("give at least one --task-id or a --task-file");
        }
        if (ids.size() > MAX_TASKS) {
            throw new IllegalArgumentException("at most " + MAX_TASKS + " tasks at once, got " + ids.size());
        }
        return ids;
    }

    /** The most a task file may hold: far more ids than one watch can track, far less than a heap. */
    static final long MAX_TASK_FILE_BYTES = 16L * 1024 * 1024;
    /** The longest line of a task file: an id is at most 20 digits, comments are short. */
    static final int MAX_TASK_FILE_LINE = 256;

    /**
     * The ids of a task file, one a line ({@code #} comments and blank lines skipped, a UTF-8 byte-order mark too),
     * read line by line within {@link #MAX_TASK_FILE_BYTES} and {@link #MAX_TASK_FILE_LINE}: {@code /dev/zero} or a
     * huge file is one error naming the file and line, never the heap's end.
     */
    static List<Long> readTaskFile(Path file) {
        String name = "--task-file " + TerminalText.escape(file.toString());
        List<Long> ids = new ArrayList<>();
        PositiveIdConverter converter = new PositiveIdConverter();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long read = 0;
            int number = 1;
            for (int b = in.read(); ; b = in.read()) {
                if (b >= 0 && ++read > MAX_TASK_FILE_BYTES) {
                    throw new IllegalArgumentException(name + " is larger than " + MAX_TASK_FILE_BYTES / 1024 / 1024
                            + " MiB; give at most that many bytes of task ids");
                }
                if (b == '\n' || b < 0) {
                    String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
                    if (number == 1 && text.startsWith("\uFEFF")) {
                        text = text.substring(1); // saved with a byte-order mark (Windows editors, PowerShell)
                    }
                    text = text.strip();
                    if (!text.isEmpty() && !text.startsWith("#")) {
                        try {
                            ids.add(converter.convert(text));
                        } catch (CommandLine.TypeConversionException e) {
                            throw new IllegalArgumentException(name + " line " + number + ": "
                                    + TerminalText.escape(e.getMessage()), e);
                        }
                    }
                    if (b < 0) {
                        return ids;
                    }
                    line.reset();
                    number++;
                } else if (line.size() >= MAX_TASK_FILE_LINE) {
                    throw new IllegalArgumentException(name + " line " + number + " is longer than "
                            + MAX_TASK_FILE_LINE + " bytes (it starts '" + TerminalText.escape(
                                    new String(line.toByteArray(), 0, 40, StandardCharsets.UTF_8)) + "')");
                } else {
                    line.write(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException(name + " cannot be read: "
                    + TerminalText.escape(String.valueOf(e.getMessage())), e);
        }
    }

    /** A number of seconds above 0 and at most {@code max}; NaN, infinity and 1e10 are named, never overflow. */
    private static void requireSeconds(String option, double value, double max) {
        if (!(value > 0) || value > max) {
            throw new IllegalArgumentException(option + " must be more than 0 and at most " + (long) max
                    + " seconds, got " + value);
        }
    }

    static RecordStatus parseStatus(String value) {
        try {
            RecordStatus status = RecordStatus.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            if (status != RecordStatus.UNRECOGNIZED) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the list of valid values
        }
        throw new IllegalArgumentException("--until must be one of RECORDING, AWAITING_TRANSCODE, TRANSCODING, "
                + "UPLOADING, UPLOADED, NOTIFIED; got '" + value + "'");
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.max(1, (long) (value * 1000)));
    }
}
