package io.gmerecording.cli;

import static io.gmerecording.cli.TerminalText.escape;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.BatchResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The two output formats of {@code describe}: JSON lines with exact numbers, and an aligned table. */
final class TaskOutput {

    /** Jackson's streaming writer, not its data binding: starting the latter is a fifth of a one-shot describe. */
    static final JsonFactory JSON = new JsonFactoryBuilder().characterEscapes(TerminalText.JSON_ESCAPES)
            .build();

    private TaskOutput() {
    }

    static String jsonLine(BatchResult result) {
        StringWriter text = new StringWriter();
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            TaskRef ref = result.ref();
            line.writeNumberField("bizId", ref.bizId());
            line.writeNumberField("taskId", ref.taskId());
            if (result.isSuccess()) {
                RecordingTask task = result.value().get();
                line.writeStringField("roomId", task.roomId());
                line.writeStringField("recordMode", task.recordMode().name());
                line.writeNumberField("recordModeCode", task.recordModeCode());
                line.writeStringField("requestId", task.requestId());
                line.writeArrayFieldStart("recordings");
                for (Recording recording : task.recordings()) {
                    line.writeStartObject();
                    line.writeStringField("userId", recording.userId());
                    line.writeStringField("fileName", recording.fileName());
                    line.writeStringField("beginTime", recording.beginTime().toString());
                    line.writeStringField("status", recording.status().name());
                    line.writeNumberField("statusCode", recording.statusCode());
                    line.writeEndObject();
                }
                line.writeEndArray();
            } else {
                writeError(line, result.error().get());
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return text.toString();
    }

    /** {@code "error": {code, message, requestId}}, as every command's JSON gives a failure. */
    static void writeError(JsonGenerator json, RecordingQueryException error) throws IOException {
        json.writeObjectFieldStart("error");
        json.writeStringField("code", error.code());
        json.writeStringField("message", error.detail());
        json.writeStringField("requestId", error.requestId().orElse(null));
        json.writeEndObject();
    }

    static String table(List<BatchResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TASK ID", "ROOM", "MODE", "USER", "STATUS", "BEGIN (UTC)", "FILE", "REQUEST ID"});
        for (BatchResult result : results) {
            String taskId = Long.toString(result.ref().taskId());
            if (!result.isSuccess()) {
                // an error row has the same columns, so the table lines up: the code as STATUS, the message as FILE
                RecordingQueryException error = result.error().get();
                rows.add(new String[] {taskId, "-", "-", "-", "ERROR " + escape(error.code()), "-",
                    escape(error.detail().isEmpty() ? "(no message)" : error.detail()),
                    escape(error.requestId().orElse("-"))});
                continue;
            }
            RecordingTask task = result.value().get();
            String mode = label(task.recordMode().name(), task.recordModeCode());
            String room = escape(task.roomId());
            String requestId = escape(task.requestId());
            if (task.recordings().isEmpty()) {
                rows.add(new String[] {taskId, room, mode, "-", "(no recordings)", "-", "-", requestId});
            }
            for (Recording recording : task.recordings()) {
                rows.add(new String[] {taskId, room, mode, escape(recording.userId()),
                    label(recording.status().name(), recording.statusCode()), recording.beginTime().toString(),
                    escape(recording.fileName()), requestId});
            }
        }
        return align(rows);
    }

    private static String label(String name, long code) {
        return name.equals("UNRECOGNIZED") ? name + "(" + code + ")" : name;
    }

    /** Columns padded to their widest cell. */
    private static String align(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                line.append(last ? row[i] : pad(row[i], widths[i])).append(last ? "" : "  ");
            }
            text.append(line.toString().replaceAll("\\s+$", "")).append('\n');
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        char[] spaces = new char[Math.max(0, width - text.length())];
        Arrays.fill(spaces, ' ');
        return text + new String(spaces);
    }
}
