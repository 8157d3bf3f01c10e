package io.gmerecording.cli;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.WaitTimeoutException;
import io.gmerecording.core.policy.RecordingWaiter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Poll a task until every recording reaches a status, printing each change.")
final class WatchCommand implements Callable<Integer> {

    static final double MAX_INTERVAL_SECONDS = 86_400;
    static final double MAX_TIMEOUT_SECONDS = 366 * 86_400;

    @ParentCommand
    GmeRecordingCli parent;

    @Option(names = "--biz-id", required = true, converter = PositiveIdConverter.class, description = "Application ID.")
    long bizId;

    @Option(names = "--task-id", required = true, converter = PositiveIdConverter.class, description = "Task ID.")
    long taskId;

    @Option(names = "--until", defaultValue = "NOTIFIED", paramLabel = "STATUS",
            description = "RECORDING, AWAITING_TRANSCODE, TRANSCODING, UPLOADING, UPLOADED or NOTIFIED (default).")
    String until;

    @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS",
            description = "Pause between polls. Default: ${DEFAULT-VALUE}.")
    double intervalSeconds;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Give up (exit 1) after this long. Default: ${DEFAULT-VALUE}.")
    double waitTimeoutSeconds;

    @Mixin
    QueryOptions query;

    @Override
    public Integer call() {
        CliEnvironment environment = parent.environment;
        RecordStatus target = parseStatus(until);
        requireSeconds("--interval", intervalSeconds, MAX_INTERVAL_SECONDS);
        requireSeconds("--timeout", waitTimeoutSeconds, MAX_TIMEOUT_SECONDS);
        ChangePrinter printer = new ChangePrinter(environment);
        try (RecordingQuery recordingQuery = query.build(environment)) {
            RecordingWaiter waiter = RecordingWaiter.over(recordingQuery)
                    .initialInterval(seconds(intervalSeconds)).multiplier(1).timeout(seconds(waitTimeoutSeconds))
                    .timeSource(environment.time).onPoll(printer::print).build();
            waiter.untilAllRecordingsReach(TaskRef.of(bizId, taskId), target);
            environment.out.println("every recording reached " + target);
            return GmeRecordingCli.OK;
        } catch (WaitTimeoutException e) {
            environment.out.println("timed out after " + waitTimeoutSeconds + " s before every recording reached "
                    + target);
            return GmeRecordingCli.FAILED;
        } catch (RecordingQueryException e) {
            environment.out.println("error " + TerminalText.escape(e.getMessage()));
            return GmeRecordingCli.FAILED;
        } finally {
            environment.out.flush();
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
