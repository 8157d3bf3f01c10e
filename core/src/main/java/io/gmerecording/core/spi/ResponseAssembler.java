package io.gmerecording.core.spi;

import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.TransportException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * For adapters: builds a {@link RecordingTask} from the nullable fields of a success answer, the same way for every adapter.
 * A field the service must send but did not becomes a {@code Transport.MalformedResponse} naming the field, so a
 * partial answer is never presented as a result. A null or absent RecordInfo means no recordings.
 */
public final class ResponseAssembler {

    private final TaskRef ref;
    private final List<Recording> recordings = new ArrayList<>();
    private String roomId;
    private Long recordMode;
    private String requestId;

    private ResponseAssembler(TaskRef ref) {
        this.ref = Objects.requireNonNull(ref, "ref must not be null");
    }

    public static ResponseAssembler forTask(TaskRef ref) {
        return new ResponseAssembler(ref);
    }

    public ResponseAssembler roomId(String roomId) {
        this.roomId = roomId;
        return this;
    }

    public ResponseAssembler recordMode(Long recordMode) {
        this.recordMode = recordMode;
        return this;
    }

    public ResponseAssembler requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    /** Adds the next RecordInfo item; any argument may be null, which fails with the item's index and field. */
    public ResponseAssembler recording(String userId, String fileName, Long beginTimeSeconds, Long statusCode) {
        String item = "RecordInfo[" + recordings.size() + "]";
        Instant beginTime;
        try {
            beginTime = Instant.ofEpochSecond(present(beginTimeSeconds, item + ".RecordBeginTime"));
        } catch (DateTimeException e) {
            throw ErrorCodes.malformedResponse(item + ".RecordBeginTime is out of range: " + beginTimeSeconds, e);
        }
        recordings.add(Recording.of(
                present(userId, item + ".UserId"),
                present(fileName, item + ".FileName"),
                beginTime,
                present(statusCode, item + ".RecordStatus")));
        return this;
    }

    /** A RecordInfo item that is JSON null. */
    public ResponseAssembler nullRecording() {
        throw ErrorCodes.malformedResponse("RecordInfo[" + recordings.size() + "] is null", null);
    }

    /**
     * Adds every item of a transport's RecordInfo list, reading its fields with the given getters; a null list means
     * no recordings, a null item is malformed.
     */
    public <T> ResponseAssembler recordings(Iterable<T> items, Function<T, String> userId,
            Function<T, String> fileName, Function<T, Long> beginTimeSeconds, Function<T, Long> statusCode) {
        if (items != null) {
            for (T item : items) {
                if (item == null) {
                    nullRecording();
                }
                recording(userId.apply(item), fileName.apply(item), beginTimeSeconds.apply(item),
                        statusCode.apply(item));
            }
        }
        return this;
    }

    /** @throws TransportException ({@code Transport.MalformedResponse}) naming the first missing field */
    public RecordingTask build() {
        return RecordingTask.of(
                ref,
                present(roomId, "RoomId"),
                present(recordMode, "RecordMode"),
                recordings,
                present(requestId, "RequestId"));
    }

    private static <T> T present(T value, String field) {
        if (value == null) {
            throw ErrorCodes.malformedResponse("the success answer has no " + field, null);
        }
        return value;
    }
}
