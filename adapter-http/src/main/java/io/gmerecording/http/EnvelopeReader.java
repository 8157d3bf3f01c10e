package io.gmerecording.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.function.UnaryOperator;

/** Request bytes from the generated DTOs, and an HTTP 200 body to a domain value or a typed error. */
final class EnvelopeReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader ENVELOPE = JSON.readerFor(DescribeRecordInfoEnvelope.class);

    private EnvelopeReader() {
    }

    static byte[] requestBody(TaskRef task) {
        try {
            return JSON.writeValueAsBytes(new DescribeRecordInfoRequest().taskId(task.taskId()).bizId(task.bizId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two longs failed to serialize", e);
        }
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
            envelope = ENVELOPE.readValue(body);
        } catch (IOException e) {
            // Jackson's message quotes the body; keep only where parsing stopped
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

    private static String location(IOException e) {
        if (e instanceof JsonProcessingException && ((JsonProcessingException) e).getLocation() != null) {
            return "line " + ((JsonProcessingException) e).getLocation().getLineNr()
                    + ", column " + ((JsonProcessingException) e).getLocation().getColumnNr();
        }
        return "an unknown position";
    }
}
