package io.gmerecording.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordingControl;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The lifecycle commands: {@code start}, {@code stop}, {@code modify} and {@code room}, with {@code describe}'s
 * options, errors and output formats (a line of text, or one JSON object with {@code --output json}).
 */
final class ControlCommands {

    enum Mode {
        single(RecordMode.SINGLE_STREAM), mixed(RecordMode.MIXED_STREAM), both(RecordMode.SINGLE_AND_MIXED);

        final RecordMode recordMode;

        Mode(RecordMode recordMode) {
            this.recordMode = recordMode;
        }
    }

    private ControlCommands() {
    }

    /** What every lifecycle command shares: the application, the connection, the output. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        GmeRecordingCli parent;

        @Option(names = "--biz-id", required = true, converter = PositiveIdConverter.class,
                description = "Application ID.")
        long bizId;

        @Option(names = "--output", defaultValue = "table", description = "table (default: a line) or json.")
        DescribeCommand.Output output;

        @Mixin
        QueryOptions query;

        @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
                description = "Per-request timeout in seconds. Default: ${DEFAULT-VALUE}.")
        void timeout(double seconds) {
            query.timeoutSeconds = seconds;
        }

        /** The command's call and what it prints, given the control port. */
        abstract Result perform(RecordingControl control);

        @Override
        public Integer call() {
            CliEnvironment environment = parent.environment;
            Result result;
            try (GmeRecording client = query.open(environment)) {
                result = perform(client.control());
            } catch (RecordingQueryException e) {
                result = Result.failed(e);
            }
            environment.out.println(output == DescribeCommand.Output.json ? result.json() : result.text);
            environment.out.flush();
            return result.error == null ? GmeRecordingCli.OK : GmeRecordingCli.FAILED;
        }
    }

    /** The subscription options of start and modify. */
    abstract static class Subscribing extends Base {
        @Option(names = "--mode", defaultValue = "single",
                description = "single (a file per user, the default), mixed (one file) or both.")
        Mode mode;

        @Option(names = "--only", paramLabel = "USER_ID", description = "Record only this user; repeat, at most 20.")
        List<String> only = new ArrayList<>();

        @Option(names = "--all-but", paramLabel = "USER_ID",
                description = "Record every user but this one; repeat, at most 20.")
        List<String> allBut = new ArrayList<>();

        /** @throws IllegalArgumentException naming the rule the lists break (one list, at most 20, none empty) */
        Subscription subscription() {
            if (!only.isEmpty() && !allBut.isEmpty()) {
                throw new IllegalArgumentException("give --only or --all-but, not both: a subscription is one list");
            }
            return !only.isEmpty() ? Subscription.only(only) : !allBut.isEmpty() ? Subscription.allBut(allBut)
                    : Subscription.everyone();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start recording a room (someone must be in it); a room recorded already gives its task.")
    static final class StartCommand extends Subscribing {
        @Option(names = "--room-id", required = true, description = "Room ID.")
        String roomId;

        @Override
        Result perform(RecordingControl control) {
            RoomRef room = RoomRef.of(bizId, roomId);
            Subscription subscription = subscription();
            StartedRecording started = control.start(room, mode.recordMode, subscription);
            return Result.of("task " + started.task().taskId() + (started.alreadyRunning() ? " was already recording"
                    : " is recording") + " room " + TerminalText.escape(roomId) + " (" + mode.recordMode + ", "
                    + describe(subscription) + ")", json -> {
                        writeTask(json, started.task());
                        json.writeStringField("roomId", roomId);
                        json.writeBooleanField("alreadyRunning", started.alreadyRunning());
                        json.writeStringField("requestId", started.requestId());
                    });
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a recording task; its last files then move to NOTIFIED (watch them).")
    static final class StopCommand extends Base {
        @Option(names = "--task-id", required = true, converter = PositiveIdConverter.class, description = "Task ID.")
        long taskId;

        @Override
        Result perform(RecordingControl control) {
            TaskRef task = TaskRef.of(bizId, taskId);
            control.stop(task);
            return Result.of("task " + taskId + " stopped", json -> {
                writeTask(json, task);
                json.writeBooleanField("stopped", true);
            });
        }
    }

    @Command(name = "modify", mixinStandardHelpOptions = true,
            description = "Change how a task records and whose streams (--mode is sent every time).")
    static final class ModifyCommand extends Subscribing {
        @Option(names = "--task-id", required = true, converter = PositiveIdConverter.class, description = "Task ID.")
        long taskId;

        @Override
        Result perform(RecordingControl control) {
            TaskRef task = TaskRef.of(bizId, taskId);
            Subscription subscription = subscription();
            control.modify(task, mode.recordMode, subscription);
            return Result.of("task " + taskId + " now records " + mode.recordMode + ", " + describe(subscription),
                    json -> {
                        writeTask(json, task);
                        json.writeStringField("recordMode", mode.recordMode.name());
                        writeSubscription(json, subscription);
                    });
        }
    }

    @Command(name = "room", mixinStandardHelpOptions = true, description = "The running recording task of a room.")
    static final class RoomCommand extends Base {
        @Option(names = "--room-id", required = true, description = "Room ID.")
        String roomId;

        @Override
        Result perform(RecordingControl control) {
            Optional<RoomTask> running = control.taskOf(RoomRef.of(bizId, roomId));
            if (running.isEmpty()) {
                return Result.of("room " + TerminalText.escape(roomId) + " has no recording task", json -> {
                    json.writeNumberField("bizId", bizId);
                    json.writeStringField("roomId", roomId);
                    json.writeNullField("taskId");
                });
            }
            RoomTask task = running.get();
            return Result.of("room " + TerminalText.escape(roomId) + ": task " + task.task().taskId() + ", "
                    + task.recordMode() + ", " + describe(task.subscription()), json -> {
                        writeTask(json, task.task());
                        json.writeStringField("roomId", roomId);
                        json.writeStringField("recordMode", task.recordMode().name());
                        json.writeNumberField("recordModeCode", task.recordModeCode());
                        writeSubscription(json, task.subscription());
                        json.writeStringField("requestId", task.requestId());
                    });
        }
    }

    private static String describe(Subscription subscription) {
        switch (subscription.kind()) {
            case ONLY:
                return "only " + TerminalText.escape(String.join(", ", subscription.userIds()));
            case ALL_BUT:
                return "every user but " + TerminalText.escape(String.join(", ", subscription.userIds()));
            default:
                return "every user";
        }
    }

    private static void writeTask(JsonGenerator json, TaskRef task) throws IOException {
        json.writeNumberField("bizId", task.bizId());
        json.writeNumberField("taskId", task.taskId());
    }

    private static void writeSubscription(JsonGenerator json, Subscription subscription) throws IOException {
        json.writeStringField("subscription", subscription.kind().name());
        json.writeArrayFieldStart("userIds");
        for (String userId : subscription.userIds()) {
            json.writeString(userId);
        }
        json.writeEndArray();
    }

    /** A command's outcome as a line of text and as JSON fields. */
    static final class Result {
        interface Fields {
            void write(JsonGenerator json) throws IOException;
        }

        final String text;
        final Fields fields;
        final RecordingQueryException error;

        private Result(String text, Fields fields, RecordingQueryException error) {
            this.text = text;
            this.fields = fields;
            this.error = error;
        }

        static Result of(String text, Fields fields) {
            return new Result(text, fields, null);
        }

        static Result failed(RecordingQueryException error) {
            return new Result("ERROR " + TerminalText.escape(error.code()) + ": "
                    + TerminalText.escape(error.detail().isEmpty() ? "(no message)" : error.detail())
                    + " (RequestId " + TerminalText.escape(error.requestId().orElse("-")) + ")",
                    json -> TaskOutput.writeError(json, error), error);
        }

        String json() {
            StringWriter text = new StringWriter();
            try (JsonGenerator json = TaskOutput.JSON.createGenerator(text)) {
                json.writeStartObject();
                fields.write(json);
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("writing JSON to a string failed", e);
            }
            return text.toString();
        }
    }
}
