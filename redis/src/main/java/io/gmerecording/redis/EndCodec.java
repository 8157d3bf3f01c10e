package io.gmerecording.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.TaskEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An end kept until acknowledged, as JSON: its outcome, last status, and what a listener needs to act on it again
 * after another replica recorded it (the answer that reached the target: room, mode, each file; or the error).
 */
final class EndCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndCodec() {
    }

    static String encode(TaskEnd end) {
        ObjectNode root = JSON.createObjectNode();
        root.put("outcome", end.outcome().name());
        end.lastStatus().ifPresent(status -> root.put("lastStatus", status.name()));
        end.lastAnswer().ifPresent(answer -> {
            ObjectNode task = root.putObject("answer");
            task.put("roomId", answer.roomId());
            task.put("recordMode", answer.recordModeCode());
            task.put("requestId", answer.requestId());
            ArrayNode files = task.putArray("recordings");
            for (Recording recording : answer.recordings()) {
                files.addObject().put("userId", recording.userId()).put("fileName", recording.fileName())
                        .put("beginTime", recording.beginTime().toString())
                        .put("statusCode", recording.statusCode());
            }
        });
        end.error().ifPresent(error -> {
            ObjectNode failure = root.putObject("error");
            failure.put("code", error.code());
            failure.put("message", error.detail());
            error.requestId().ifPresent(id -> failure.put("requestId", id));
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers failed to serialize", e);
        }
    }

    static TaskEnd decode(String id, TaskRef task, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            TaskEnd.Outcome outcome = TaskEnd.Outcome.valueOf(root.path("outcome").asText());
            JsonNode last = root.get("lastStatus");
            RecordingTask answer = null;
            JsonNode found = root.get("answer");
            if (found != null) {
                List<Recording> recordings = new ArrayList<>();
                for (JsonNode file : found.path("recordings")) {
                    recordings.add(Recording.of(file.path("userId").asText(), file.path("fileName").asText(),
                            Instant.parse(file.path("beginTime").asText()), file.path("statusCode").asLong()));
                }
                answer = RecordingTask.of(task, found.path("roomId").asText(), found.path("recordMode").asLong(),
                        recordings, found.path("requestId").asText());
            }
            RecordingQueryException error = null;
            JsonNode failure = root.get("error");
            if (failure != null) {
                JsonNode requestId = failure.get("requestId");
                error = ErrorCodes.exception(failure.path("code").asText(), failure.path("message").asText(),
                        requestId == null ? null : requestId.asText());
            }
            return TaskEnd.recorded(id, task, outcome, last == null ? null : TaskCodec.status(last.asText()), answer,
                    error);
        } catch (JsonProcessingException | RuntimeException e) {
            throw TaskCodec.malformed("the end " + id);
        }
    }
}
