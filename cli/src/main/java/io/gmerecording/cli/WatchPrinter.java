package io.gmerecording.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.TaskChange;
import io.gmerecording.core.policy.TaskEnd;
import java.util.Locale;

/**
 * What {@code watch} prints: a line per change of a task's status and a line per task's end, as text with the time
 * since watching began, or as JSON lines; called from the tracker's threads, one line at a time.
 */
final class WatchPrinter {

    private static final ObjectMapper JSON = new ObjectMapper(
            new JsonFactoryBuilder().characterEscapes(TerminalText.JSON_ESCAPES).build());

    private final CliEnvironment environment;
    private final boolean json;
    private final long started;
    /** The status line below the change lines (none on a pipe, with JSON or --quiet). */
    private final StatusLine status;

    WatchPrinter(CliEnvironment environment, boolean json) {
        this(environment, json, StatusLine.none(environment));
    }

    WatchPrinter(CliEnvironment environment, boolean json, StatusLine status) {
        this.environment = environment;
        this.json = json;
        this.started = environment.time.nanoTime();
        this.status = status;
    }

    void change(TaskChange change) {
        RecordingTask answer = change.answer();
        if (json) {
            ObjectNode line = event("change", change.task());
            line.put("previous", change.previous().map(Enum::name).orElse(null));
            line.put("status", change.current().name());
            line.put("roomId", answer.roomId());
            ArrayNode recordings = line.putArray("recordings");
            for (Recording recording : answer.recordings()) {
                recordings.addObject().put("userId", recording.userId()).put("status", recording.status().name())
                        .put("statusCode", recording.statusCode()).put("fileName", recording.fileName());
            }
            print(line);
            return;
        }
        print(String.format(Locale.ROOT, "  +%.1fs  task %d room %s: %s", elapsedSeconds(),
                change.task().taskId(), TerminalText.escape(answer.roomId()), ChangePrinter.summary(answer)));
    }

    void end(TaskEnd end) {
        RecordingQueryException error = end.error().orElse(null);
        if (json) {
            ObjectNode line = event("end", end.task());
            line.put("outcome", end.outcome().name());
            line.put("lastStatus", end.lastStatus().map(Enum::name).orElse(null));
            if (error != null) {
                line.putObject("error").put("code", error.code()).put("message", error.detail())
                        .put("requestId", error.requestId().orElse(null));
            }
            print(line);
            return;
        }
        String last = end.lastStatus().map(status -> ", last seen " + status).orElse("");
        switch (end.outcome()) {
            case REACHED:
                print("task " + end.task().taskId() + ": reached " + end.lastStatus().map(Enum::name).orElse("?"));
                break;
            case TIMED_OUT:
                print("task " + end.task().taskId() + ": timed out" + last);
                break;
            default:
                print("task " + end.task().taskId() + ": " + end.outcome().name().toLowerCase(Locale.ROOT)
                        + (error == null ? "" : " with " + TerminalText.escape(error.code()) + ": "
                                + TerminalText.escape(error.detail())) + last);
        }
    }

    /** A task still unfinished when the user interrupted the watch; {@code lastStatus} null when none was seen. */
    void interrupted(TaskRef task, RecordStatus lastStatus) {
        if (json) {
            ObjectNode line = event("end", task);
            line.put("outcome", "INTERRUPTED");
            line.put("lastStatus", lastStatus == null ? null : lastStatus.name());
            print(line);
            return;
        }
        print("task " + task.taskId() + ": interrupted" + (lastStatus == null ? "" : ", last seen " + lastStatus));
    }

    void interruptedSummary(int reached, int tasks, RecordStatus target) {
        if (!json) {
            print("interrupted: " + reached + " of " + tasks + " tasks reached " + target);
        }
    }

    void summary(int reached, int tasks, RecordStatus target) {
        if (json) {
            return;
        }
        if (reached == tasks) {
            print(tasks == 1 ? "every recording reached " + target
                    : "every recording of the " + tasks + " tasks reached " + target);
        } else {
            print(reached + " of " + tasks + " tasks reached " + target);
        }
    }

    private ObjectNode event(String kind, TaskRef task) {
        ObjectNode line = JSON.createObjectNode();
        line.put("event", kind);
        line.put("bizId", task.bizId());
        line.put("taskId", task.taskId());
        line.put("elapsedMs", Math.round(elapsedSeconds() * 1000));
        return line;
    }

    private double elapsedSeconds() {
        return (environment.time.nanoTime() - started) / 1e9;
    }

    private void print(ObjectNode line) {
        try {
            print(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers failed to serialize", e);
        }
    }

    private void print(String line) {
        status.printAbove(line);
    }
}
