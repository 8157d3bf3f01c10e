package io.gmerecording.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.mapping.SpecMapping;
import io.gmerecording.spec.json.SpecJson;
import io.gmerecording.spec.model.ApiError;
import io.gmerecording.spec.model.DescribeRecordInfoEnvelope;
import io.gmerecording.spec.model.DescribeRecordInfoEnvelopeJson;
import io.gmerecording.spec.model.DescribeRecordInfoRequestJson;
import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Request bytes, and an HTTP 200 body to a domain value or a typed error, through the generated models and their
 * generated streaming readers and writers ({@code ModelJson}, made from the spec with the models).
 *
 * <p>Streaming, not Jackson's data binding: binding the models costs about 200 ms of class loading and introspection
 * in a new JVM, most of a one-shot command's own work. The rules are the binding's ({@link SpecJson}): unknown fields
 * skipped, a duplicate field's last value kept, anything after the envelope an error.
 */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    static byte[] requestBody(TaskRef task) {
        return SpecJson.write(SpecMapping.describeRecordInfo(task), DescribeRecordInfoRequestJson::write);
    }

    /** @throws io.gmerecording.core.error.RecordingQueryException for an API error or a malformed body */
    static RecordingTask read(TaskRef task, byte[] body) {
        return read(task, body, UnaryOperator.identity());
    }

    /** As {@link #read(TaskRef, byte[])}, passing the server's error message through {@code redact}. */
    static RecordingTask read(TaskRef task, byte[] body, UnaryOperator<String> redact) {
        DescribeRecordInfoEnvelope envelope = envelope(body, DescribeRecordInfoEnvelopeJson::read, "DescribeRecordInfo");
        DescribeRecordInfoResponse response = envelope == null ? null : envelope.getResponse();
        requireAnswer(response, response == null ? null : response.getError(),
                response == null ? null : response.getRequestId(), redact);
        return SpecMapping.recordingTask(task, response);
    }

    /** The body as the generated describe envelope ({@code null} for a JSON null), every field of the spec read. */
    static DescribeRecordInfoEnvelope parse(byte[] body) throws IOException {
        return SpecJson.read(body, DescribeRecordInfoEnvelopeJson::read);
    }

    /**
     * The body as the action's generated envelope ({@code null} for a JSON null).
     *
     * @throws io.gmerecording.core.error.RecordingQueryException a malformed answer: empty, not the envelope, or an
     *     id beyond a 64-bit value (never a wrapped negative)
     */
    static <E> E envelope(byte[] body, SpecJson.ValueReader<E> envelope, String action) {
        if (body.length == 0) {
            throw ErrorCodes.malformedResponse("HTTP 200 with an empty body", null);
        }
        try {
            return SpecJson.read(body, envelope);
        } catch (InputCoercionException e) {
            throw ErrorCodes.malformedResponse("the " + action + " answer holds an integer beyond a 64-bit value (at "
                    + location(e) + ")", null);
        } catch (IOException e) {
            // the parser's message may quote the body; keep only where parsing stopped
            throw ErrorCodes.malformedResponse("HTTP 200 body is not a valid " + action + " envelope ("
                    + e.getClass().getSimpleName() + " at " + location(e) + ")", null);
        }
    }

    /**
     * @throws io.gmerecording.core.error.RecordingQueryException the API error, or a malformed answer when there is no
     *     Response
     */
    static void requireAnswer(Object response, ApiError error, String requestId, UnaryOperator<String> redact) {
        if (response == null) {
            throw ErrorCodes.malformedResponse("HTTP 200 body has no Response object", null);
        }
        if (error != null) {
            throw ErrorCodes.exception(error.getCode(), redact.apply(error.getMessage()), requestId);
        }
    }

    private static String location(IOException e) {
        JsonLocation at = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
        return at == null ? "an unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
