package io.gmerecording.http;

import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.mapping.SpecMapping;
import io.gmerecording.spec.json.SpecJson;
import io.gmerecording.spec.model.DescribeTaskInfoEnvelope;
import io.gmerecording.spec.model.DescribeTaskInfoEnvelopeJson;
import io.gmerecording.spec.model.DescribeTaskInfoRequestJson;
import io.gmerecording.spec.model.DescribeTaskInfoResponse;
import io.gmerecording.spec.model.ModifyRecordInfoEnvelope;
import io.gmerecording.spec.model.ModifyRecordInfoEnvelopeJson;
import io.gmerecording.spec.model.ModifyRecordInfoRequestJson;
import io.gmerecording.spec.model.ModifyRecordInfoResponse;
import io.gmerecording.spec.model.StartRecordEnvelope;
import io.gmerecording.spec.model.StartRecordEnvelopeJson;
import io.gmerecording.spec.model.StartRecordRequestJson;
import io.gmerecording.spec.model.StartRecordResponse;
import io.gmerecording.spec.model.StopRecordEnvelope;
import io.gmerecording.spec.model.StopRecordEnvelopeJson;
import io.gmerecording.spec.model.StopRecordRequestJson;
import io.gmerecording.spec.model.StopRecordResponse;
import java.util.function.UnaryOperator;

/**
 * The lifecycle actions' bodies: requests written from the domain through the generated models and writers, answers
 * read by the generated readers and then to the domain. An API error is its typed exception; a body that is not the
 * action's envelope, or an id beyond a positive 64-bit value, is a malformed answer (never a wrapped negative).
 */
final class LifecycleCodec {

    private LifecycleCodec() {
    }

    static byte[] startRequest(RoomRef room, RecordMode mode, Subscription subscription) {
        return SpecJson.write(SpecMapping.startRecord(room, mode, subscription), StartRecordRequestJson::write);
    }

    static byte[] stopRequest(TaskRef task) {
        return SpecJson.write(SpecMapping.stopRecord(task), StopRecordRequestJson::write);
    }

    static byte[] modifyRequest(TaskRef task, RecordMode mode, Subscription subscription) {
        return SpecJson.write(SpecMapping.modifyRecordInfo(task, mode, subscription),
                ModifyRecordInfoRequestJson::write);
    }

    static byte[] taskInfoRequest(RoomRef room) {
        return SpecJson.write(SpecMapping.describeTaskInfo(room), DescribeTaskInfoRequestJson::write);
    }

    static StartedRecording readStart(RoomRef room, byte[] body, UnaryOperator<String> redact) {
        StartRecordEnvelope envelope = EnvelopeReader.envelope(body, StartRecordEnvelopeJson::read, "StartRecord");
        StartRecordResponse response = envelope == null ? null : envelope.getResponse();
        EnvelopeReader.requireAnswer(response, response == null ? null : response.getError(),
                response == null ? null : response.getRequestId(), redact);
        return SpecMapping.started(room, response);
    }

    /** StopRecord and ModifyRecordInfo answer nothing but their RequestId. */
    static String readStop(byte[] body, UnaryOperator<String> redact) {
        StopRecordEnvelope envelope = EnvelopeReader.envelope(body, StopRecordEnvelopeJson::read, "StopRecord");
        StopRecordResponse response = envelope == null ? null : envelope.getResponse();
        EnvelopeReader.requireAnswer(response, response == null ? null : response.getError(),
                response == null ? null : response.getRequestId(), redact);
        return SpecMapping.requestId(response.getRequestId());
    }

    static String readModify(byte[] body, UnaryOperator<String> redact) {
        ModifyRecordInfoEnvelope envelope = EnvelopeReader.envelope(body, ModifyRecordInfoEnvelopeJson::read,
                "ModifyRecordInfo");
        ModifyRecordInfoResponse response = envelope == null ? null : envelope.getResponse();
        EnvelopeReader.requireAnswer(response, response == null ? null : response.getError(),
                response == null ? null : response.getRequestId(), redact);
        return SpecMapping.requestId(response.getRequestId());
    }

    static RoomTask readTaskInfo(RoomRef room, byte[] body, UnaryOperator<String> redact) {
        DescribeTaskInfoEnvelope envelope = EnvelopeReader.envelope(body, DescribeTaskInfoEnvelopeJson::read,
                "DescribeTaskInfo");
        DescribeTaskInfoResponse response = envelope == null ? null : envelope.getResponse();
        EnvelopeReader.requireAnswer(response, response == null ? null : response.getError(),
                response == null ? null : response.getRequestId(), redact);
        return SpecMapping.roomTask(room, response);
    }
}
