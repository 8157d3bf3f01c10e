package io.gmerecording.callbacks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.gmerecording.core.TaskRef;
import java.io.IOException;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified callback body as a {@link RecordingEvent}: Jackson's streaming parser, a duplicate field's last value
 * kept, an integer also in a string, unknown fields kept as JSON text. BizID, TaskID (both positive) and EventType
 * are what every event must have; anything else may be absent.
 */
final class CallbackBody {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private CallbackBody() {
    }

    /** Thrown for a body that is not a callback; its message says where, never quoting the body. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static RecordingEvent parse(byte[] body) throws Malformed {
        Long bizId = null;
        Long taskId = null;
        Long eventType = null;
        Long recordMode = null;
        Long timestamp = null;
        long seqNo = 0;
        String roomId = null;
        String userId = null;
        String fileName = null;
        Map<String, String> others = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("the body is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "BizID":
                        bizId = integer(parser, value, field);
                        break;
                    case "TaskID":
                        taskId = integer(parser, value, field);
                        break;
                    case "EventType":
                        eventType = integer(parser, value, field);
                        break;
                    case "RecordMode":
                        recordMode = integer(parser, value, field);
                        break;
                    case "Timestamp":
                        timestamp = integer(parser, value, field);
                        break;
                    case "RoomID":
                        roomId = text(parser, value, field);
                        break;
                    case "UserID":
                        userId = text(parser, value, field);
                        break;
                    case "Detail":
                        if (value == JsonToken.VALUE_NULL) {
                            break;
                        }
                        if (value != JsonToken.START_OBJECT) {
                            throw new Malformed("Detail is not an object");
                        }
                        for (JsonToken inner = parser.nextToken(); inner != JsonToken.END_OBJECT;
                                inner = parser.nextToken()) {
                            String name = parser.currentName();
                            JsonToken detail = parser.nextToken();
                            if (name.equals("SeqNo")) {
                                Long given = integer(parser, detail, "Detail.SeqNo");
                                seqNo = given == null ? 0 : given;
                            } else if (name.equals("FileName")) {
                                fileName = text(parser, detail, "Detail.FileName");
                            } else {
                                others.put("Detail." + name, copy(parser));
                            }
                        }
                        break;
                    default:
                        others.put(field, copy(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new Malformed("more content after the callback's object");
            }
        } catch (InputCoercionException e) {
            throw new Malformed("an integer beyond a 64-bit value at " + where(e));
        } catch (IOException e) {
            throw new Malformed("not a valid JSON callback (" + e.getClass().getSimpleName() + " at " + where(e)
                    + ")");
        }
        TaskRef task = task(bizId, taskId);
        if (eventType == null) {
            throw new Malformed("the callback has no EventType");
        }
        Instant sent;
        try {
            sent = timestamp == null ? null : Instant.ofEpochSecond(timestamp);
        } catch (DateTimeException e) {
            throw new Malformed("Timestamp is out of range: " + timestamp);
        }
        return new RecordingEvent(task, roomId, userId, recordMode, sent, eventType, seqNo, fileName, others);
    }

    private static TaskRef task(Long bizId, Long taskId) throws Malformed {
        if (bizId == null || bizId <= 0) {
            throw new Malformed("the callback has no positive BizID (got " + bizId + ")");
        }
        if (taskId == null || taskId <= 0) {
            throw new Malformed("the callback has no positive TaskID (got " + taskId + ")");
        }
        return TaskRef.of(bizId, taskId);
    }

    private static Long integer(JsonParser parser, JsonToken value, String field) throws IOException, Malformed {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(parser.getText().trim());
            } catch (NumberFormatException e) {
                throw new Malformed(field + " is not an integer");
            }
        }
        throw new Malformed(field + " is not an integer");
    }

    private static String text(JsonParser parser, JsonToken value, String field) throws IOException, Malformed {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw new Malformed(field + " is not a string");
        }
        return parser.getText();
    }

    /** The current value, whole, as compact JSON text. */
    private static String copy(JsonParser parser) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.copyCurrentStructure(parser);
        }
        return text.toString();
    }

    private static String where(IOException e) {
        JsonLocation at = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
        return at == null ? "an unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
