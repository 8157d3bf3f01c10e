package io.gmerecording.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.spi.LifecycleAnswers;
import io.gmerecording.spec.model.ApiError;
import io.gmerecording.spec.model.DescribeTaskInfoEnvelope;
import io.gmerecording.spec.model.DescribeTaskInfoRequest;
import io.gmerecording.spec.model.DescribeTaskInfoResponse;
import io.gmerecording.spec.model.ModifyRecordInfoEnvelope;
import io.gmerecording.spec.model.ModifyRecordInfoRequest;
import io.gmerecording.spec.model.StartRecordEnvelope;
import io.gmerecording.spec.model.StartRecordRequest;
import io.gmerecording.spec.model.StartRecordResponse;
import io.gmerecording.spec.model.StopRecordEnvelope;
import io.gmerecording.spec.model.StopRecordRequest;
import io.gmerecording.spec.model.SubscribeRecordUserIds;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The lifecycle actions' bodies through the generated models: requests written from the domain, answers read into
 * the generated envelope and then to the domain. An API error is its typed exception; a body that is not the
 * action's envelope, or an id beyond a positive 64-bit value, is a malformed answer (never a wrapped negative).
 */
final class LifecycleCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LifecycleCodec() {
    }

    static byte[] startRequest(RoomRef room, RecordMode mode, Subscription subscription) {
        return write(new StartRecordRequest().bizId(room.bizId()).roomId(room.roomId().value()).recordMode(mode.code())
                .subscribeRecordUserIds(lists(subscription)));
    }

    static byte[] stopRequest(TaskRef task) {
        return write(new StopRecordRequest().taskId(task.taskId()).bizId(task.bizId()));
    }

    static byte[] modifyRequest(TaskRef task, RecordMode mode, Subscription subscription) {
        return write(new ModifyRecordInfoRequest().taskId(task.taskId()).recordMode(mode.code()).bizId(task.bizId())
                .subscribeRecordUserIds(lists(subscription)));
    }

    static byte[] taskInfoRequest(RoomRef room) {
        return write(new DescribeTaskInfoRequest().bizId(room.bizId()).roomId(room.roomId().value()));
    }

    /** The wire lists: none for every user, else the one list the subscription holds. */
    private static SubscribeRecordUserIds lists(Subscription subscription) {
        switch (subscription.kind()) {
            case ONLY:
                return new SubscribeRecordUserIds().subscribeUserIds(subscription.userIds());
            case ALL_BUT:
                return new SubscribeRecordUserIds().unSubscribeUserIds(subscription.userIds());
            default:
                return null;
        }
    }

    static StartedRecording readStart(RoomRef room, byte[] body, UnaryOperator<String> redact) {
        StartRecordEnvelope envelope = parse(body, StartRecordEnvelope.class, "StartRecord");
        StartRecordResponse response = envelope == null ? null : envelope.getResponse();
        requireAnswer(response == null ? null : response.getRequestId(), response, response == null ? null
                : response.getError(), redact);
        return LifecycleAnswers.started(room, response.getTaskId(), response.getRequestId());
    }

    /** StopRecord and ModifyRecordInfo answer nothing but their RequestId. */
    static String readStop(byte[] body, UnaryOperator<String> redact) {
        StopRecordEnvelope envelope = parse(body, StopRecordEnvelope.class, "StopRecord");
        return acknowledged(envelope == null ? null : envelope.getResponse(),
                response -> response.getRequestId(), response -> response.getError(), redact);
    }

    static String readModify(byte[] body, UnaryOperator<String> redact) {
        ModifyRecordInfoEnvelope envelope = parse(body, ModifyRecordInfoEnvelope.class, "ModifyRecordInfo");
        return acknowledged(envelope == null ? null : envelope.getResponse(),
                response -> response.getRequestId(), response -> response.getError(), redact);
    }

    static RoomTask readTaskInfo(RoomRef room, byte[] body, UnaryOperator<String> redact) {
        DescribeTaskInfoEnvelope envelope = parse(body, DescribeTaskInfoEnvelope.class, "DescribeTaskInfo");
        DescribeTaskInfoResponse response = envelope == null ? null : envelope.getResponse();
        requireAnswer(response == null ? null : response.getRequestId(), response, response == null ? null
                : response.getError(), redact);
        SubscribeRecordUserIds lists = response.getSubscribeRecordUserIds();
        return LifecycleAnswers.roomTask(room, response.getTaskId(), response.getRecordMode(),
                lists == null ? null : lists.getSubscribeUserIds(), lists == null ? null : lists.getUnSubscribeUserIds(),
                response.getRequestId());
    }

    private static <R> String acknowledged(R response, Function<R, String> requestId, Function<R, ApiError> error,
            UnaryOperator<String> redact) {
        requireAnswer(response == null ? null : requestId.apply(response), response,
                response == null ? null : error.apply(response), redact);
        return requestId.apply(response) == null ? "" : requestId.apply(response);
    }

    /** @throws io.gmerecording.core.error.RecordingQueryException the API error, or a body with no Response */
    private static void requireAnswer(String requestId, Object response, ApiError error, UnaryOperator<String> redact) {
        if (response == null) {
            throw ErrorCodes.malformedResponse("HTTP 200 body has no Response object", null);
        }
        if (error != null) {
            throw ErrorCodes.exception(error.getCode(), redact.apply(error.getMessage()), requestId);
        }
    }

    private static <T> T parse(byte[] body, Class<T> envelope, String action) {
        if (body.length == 0) {
            throw ErrorCodes.malformedResponse("HTTP 200 with an empty body", null);
        }
        try {
            return JSON.readValue(body, envelope);
        } catch (IOException e) {
            if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
                throw ErrorCodes.malformedResponse("the " + action + " answer holds an id beyond a positive 64-bit "
                        + "value (at " + location(e) + ")", null);
            }
            // the parser's message may quote the body; keep only where parsing stopped
            throw ErrorCodes.malformedResponse("HTTP 200 body is not a valid " + action + " envelope ("
                    + e.getClass().getSimpleName() + " at " + location(e) + ")", null);
        }
    }

    private static byte[] write(Object request) {
        try {
            return JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated request model could not be written", e);
        }
    }

    private static String location(IOException e) {
        JsonLocation at = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getLocation() : null;
        return at == null ? "an unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
