package io.gmerecording.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.spi.ResponseAssembler;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.spec.model.ApiError;
import io.gmerecording.spec.model.DescribeRecordInfoEnvelope;
import io.gmerecording.spec.model.DescribeRecordInfoRequest;
import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import io.gmerecording.spec.model.RecordInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Request bytes, and an HTTP 200 body to a domain value or a typed error, through the generated DTOs and the field
 * names the spec generates with them ({@code JSON_PROPERTY_*}).
 *
 * <p>The body is read with Jackson's streaming parser rather than its data binding: binding the DTOs first costs
 * about 200 ms of class loading and introspection in a new JVM, most of a one-shot command's own work. The rules are
 * those the binding had: unknown fields skipped, a duplicate field's last value kept, a string field takes any
 * scalar as text, a number field an integer (or an integer in a string, or {@code null}; never a fraction), anything
 * after the envelope is an error.
 */
final class EnvelopeReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EnvelopeReader() {
    }

    static byte[] requestBody(TaskRef task) {
        return ("{\"" + DescribeRecordInfoRequest.JSON_PROPERTY_TASK_ID + "\":" + task.taskId() + ",\""
                + DescribeRecordInfoRequest.JSON_PROPERTY_BIZ_ID + "\":" + task.bizId() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @throws io.gmerecording.core.error.RecordingQueryException for an API error or a malformed body */
    static RecordingTask read(TaskRef task, byte[] body) {
        return read(task, body, UnaryOperator.identity());
    }

    /** As {@link #read(TaskRef, byte[])}, passing the server's error message through {@code redact}. */
    static RecordingTask read(TaskRef task, byte[] body, UnaryOperator<String> redact) {
        if (body.length == 0) {
            throw ErrorCodes.malformedResponse("HTTP 200 with an empty body", null);
        }
        DescribeRecordInfoEnvelope envelope;
        try {
            envelope = parse(body);
        } catch (IOException e) {
            // the parser's message may quote the body; keep only where parsing stopped
            throw ErrorCodes.malformedResponse("HTTP 200 body is not a valid API envelope ("
                    + e.getClass().getSimpleName() + " at " + location(e) + ")", null);
        }
        DescribeRecordInfoResponse response = envelope == null ? null : envelope.getResponse();
        if (response == null) {
            throw ErrorCodes.malformedResponse("HTTP 200 body has no Response object", null);
        }
        ApiError error = response.getError();
        if (error != null) {
            throw ErrorCodes.exception(error.getCode(), redact.apply(error.getMessage()), response.getRequestId());
        }
        return ResponseAssembler.forTask(task)
                .roomId(response.getRoomId())
                .recordMode(response.getRecordMode())
                .requestId(response.getRequestId())
                .recordings(response.getRecordInfo(), RecordInfo::getUserId, RecordInfo::getFileName,
                        RecordInfo::getRecordBeginTime, RecordInfo::getRecordStatus)
                .build();
    }

    /** The body as the generated envelope ({@code null} for a JSON null), every field of the spec read. */
    static DescribeRecordInfoEnvelope parse(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            DescribeRecordInfoEnvelope envelope = envelope(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more content after the envelope");
            }
            return envelope;
        }
    }

    private static DescribeRecordInfoEnvelope envelope(JsonParser parser) throws IOException {
        return object(parser, parser.nextToken(), DescribeRecordInfoEnvelope::new, (envelope, field, value) -> {
            if (field.equals(DescribeRecordInfoEnvelope.JSON_PROPERTY_RESPONSE)) {
                envelope.setResponse(response(parser, value));
            } else {
                parser.skipChildren();
            }
        });
    }

    private static DescribeRecordInfoResponse response(JsonParser parser, JsonToken start) throws IOException {
        return object(parser, start, DescribeRecordInfoResponse::new, (response, field, value) -> {
            switch (field) {
                case DescribeRecordInfoResponse.JSON_PROPERTY_ROOM_ID:
                    response.setRoomId(text(parser, value));
                    break;
                case DescribeRecordInfoResponse.JSON_PROPERTY_RECORD_MODE:
                    response.setRecordMode(integer(parser, value));
                    break;
                case DescribeRecordInfoResponse.JSON_PROPERTY_REQUEST_ID:
                    response.setRequestId(text(parser, value));
                    break;
                case DescribeRecordInfoResponse.JSON_PROPERTY_RECORD_INFO:
                    response.setRecordInfo(recordings(parser, value));
                    break;
                case DescribeRecordInfoResponse.JSON_PROPERTY_ERROR:
                    response.setError(error(parser, value));
                    break;
                default:
                    parser.skipChildren();
            }
        });
    }

    private static List<RecordInfo> recordings(JsonParser parser, JsonToken start) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return null;
        }
        if (start != JsonToken.START_ARRAY) {
            throw mismatch(parser, "RecordInfo must be an array");
        }
        List<RecordInfo> recordings = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            recordings.add(recording(parser, item));
        }
        return recordings;
    }

    private static RecordInfo recording(JsonParser parser, JsonToken start) throws IOException {
        return object(parser, start, RecordInfo::new, (recording, field, value) -> {
            switch (field) {
                case RecordInfo.JSON_PROPERTY_USER_ID:
                    recording.setUserId(text(parser, value));
                    break;
                case RecordInfo.JSON_PROPERTY_FILE_NAME:
                    recording.setFileName(text(parser, value));
                    break;
                case RecordInfo.JSON_PROPERTY_RECORD_BEGIN_TIME:
                    recording.setRecordBeginTime(integer(parser, value));
                    break;
                case RecordInfo.JSON_PROPERTY_RECORD_STATUS:
                    recording.setRecordStatus(integer(parser, value));
                    break;
                default:
                    parser.skipChildren();
            }
        });
    }

    private static ApiError error(JsonParser parser, JsonToken start) throws IOException {
        return object(parser, start, ApiError::new, (error, field, value) -> {
            if (field.equals(ApiError.JSON_PROPERTY_CODE)) {
                error.setCode(text(parser, value));
            } else if (field.equals(ApiError.JSON_PROPERTY_MESSAGE)) {
                error.setMessage(text(parser, value));
            } else {
                parser.skipChildren();
            }
        });
    }

    /** One field of an object being read: its value's first token is current; the reader consumes the value. */
    private interface FieldReader<T> {
        void read(T target, String field, JsonToken value) throws IOException;
    }

    /** An object's fields through {@code fields} into a new {@code T}, or {@code null} for a JSON null. */
    private static <T> T object(JsonParser parser, JsonToken start, Supplier<T> create, FieldReader<T> fields)
            throws IOException {
        if (!startObject(parser, start)) {
            return null;
        }
        T target = create.get();
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            fields.read(target, field, parser.nextToken());
        }
        return target;
    }

    /** True at the start of an object, false for {@code null}; anything else is not the object the spec has. */
    private static boolean startObject(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mismatch(parser, "an object was expected");
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw mismatch(parser, "a string was expected");
        }
        return parser.getText();
    }

    private static Long integer(JsonParser parser, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                return parser.getLongValue(); // a value beyond a long is an InputCoercionException
            case VALUE_STRING:
                String text = parser.getText().trim();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw mismatch(parser, "an integer was expected");
                }
            default:
                throw mismatch(parser, "an integer was expected");
        }
    }

    private static JsonParseException mismatch(JsonParser parser, String message) {
        return new JsonParseException(parser, message);
    }

    private static String location(IOException e) {
        JsonLocation at = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
        return at == null ? "an unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
