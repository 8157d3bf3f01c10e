package io.gmerecording.cli;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.BatchDescriber;
import io.gmerecording.core.policy.BatchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe one or more recording tasks of one application.")
final class DescribeCommand implements Callable<Integer> {

    enum Output { table, json }

    @ParentCommand
    GmeRecordingCli parent;

    @Option(names = "--biz-id", required = true, converter = PositiveIdConverter.class, description = "Application ID.")
    long bizId;

    @Option(names = "--task-id", required = true, converter = PositiveIdConverter.class,
            description = "Task ID; repeat for several tasks.")
    List<Long> taskIds;

    @Option(names = "--output", defaultValue = "table", description = "table (default) or json (one object per line).")
    Output output;

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "N",
            description = "Requests in flight at once for several tasks. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--quiet", description = "No progress line on a terminal (there is never one on a pipe, in a "
            + "file or with --output json).")
    boolean quiet;

    @Mixin
    QueryOptions query;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Per-request timeout in seconds. Default: ${DEFAULT-VALUE}.")
    void timeout(double seconds) {
        query.timeoutSeconds = seconds;
    }

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment environment = parent.environment;
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 256, got " + concurrency);
        }
        List<TaskRef> tasks = new ArrayList<>();
        for (long taskId : taskIds) {
            tasks.add(TaskRef.of(bizId, taskId));
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        StatusLine progress = StatusLine.on(environment, output != Output.json && !quiet && tasks.size() > 1,
                () -> "described " + done.get() + " of " + tasks.size() + " tasks"
                        + (failed.get() == 0 ? "" : " (" + failed.get() + " failed)"));
        List<BatchResult> results;
        try (GmeRecording client = query.open(environment);
                StatusLine.Redrawing redrawing = progress.everySecond()) {
            RecordingQuery counted = task -> describeCounting(client.query(), task, done, failed);
            results = BatchDescriber.over(counted, concurrency).describeAll(tasks);
        }
        if (output == Output.json) {
            for (BatchResult result : results) {
                environment.out.println(TaskOutput.jsonLine(result));
            }
        } else {
            environment.out.print(TaskOutput.table(results));
        }
        environment.out.flush();
        return results.stream().allMatch(BatchResult::isSuccess) ? GmeRecordingCli.OK : GmeRecordingCli.FAILED;
    }

    private static RecordingTask describeCounting(RecordingQuery query, TaskRef task, AtomicInteger done,
            AtomicInteger failed) {
        try {
            return query.describe(task);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            throw e;
        } finally {
            done.incrementAndGet();
        }
    }
}
