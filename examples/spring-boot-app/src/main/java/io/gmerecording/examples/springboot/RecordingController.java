package io.gmerecording.examples.springboot;

import io.gmerecording.core.RecordMode;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingControl;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ClientLimitException;
import io.gmerecording.core.error.InvalidRequestException;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.RoomNotFoundException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.error.ThrottledException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /recordings/{bizId}/{taskId}: the task as JSON; POST /rooms/{bizId}/{roomId}/recording starts recording a room
 * (its running task when it is recorded already), DELETE /recordings/{bizId}/{taskId} stops a task. 404 for an
 * unknown task or an empty room, 429 when throttled.
 */
@RestController
class RecordingController {

    record RecordingFile(String userId, String fileName, String beginTime, String status) {
    }

    record RecordingView(long bizId, long taskId, String roomId, String recordMode, List<RecordingFile> recordings,
            String requestId) {
    }

    record Problem(String code, String message, String requestId) {
    }

    record Started(long bizId, long taskId, String roomId, boolean alreadyRunning) {
    }

    private final RecordingQuery recordings;
    private final RecordingControl control;
    private final RecordingFiles files;

    RecordingController(RecordingQuery recordings, RecordingControl control, RecordingFiles files) {
        this.recordings = recordings;
        this.control = control;
        this.files = files;
    }

    /** Records every user of the room, a file each, and follows the task until its files are ready. */
    @PostMapping("/rooms/{bizId}/{roomId}/recording")
    Started start(@PathVariable("bizId") long bizId, @PathVariable("roomId") String roomId) {
        StartedRecording started = control.start(RoomRef.of(bizId, roomId), RecordMode.SINGLE_STREAM,
                Subscription.everyone());
        files.follow(started.task());
        return new Started(bizId, started.task().taskId(), roomId, started.alreadyRunning());
    }

    @DeleteMapping("/recordings/{bizId}/{taskId}")
    ResponseEntity<Void> stop(@PathVariable("bizId") long bizId, @PathVariable("taskId") long taskId) {
        control.stop(TaskRef.of(bizId, taskId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/recordings/{bizId}/{taskId}")
    RecordingView recording(@PathVariable("bizId") long bizId, @PathVariable("taskId") long taskId) {
        RecordingTask task = recordings.describe(TaskRef.of(bizId, taskId));
        return new RecordingView(bizId, taskId, task.roomId(), task.recordMode().name(),
                task.recordings().stream().map(RecordingController::file).toList(), task.requestId());
    }

    private static RecordingFile file(Recording recording) {
        return new RecordingFile(recording.userId(), recording.fileName(), recording.beginTime().toString(),
                recording.status().name());
    }

    @ExceptionHandler({TaskNotFoundException.class, RoomNotFoundException.class})
    ResponseEntity<Problem> notFound(RecordingQueryException e) {
        return problem(HttpStatus.NOT_FOUND, e);
    }

    /** The service's throttling and this client's own limit refusing: either way, come back in a second. */
    @ExceptionHandler({ThrottledException.class, ClientLimitException.class})
    ResponseEntity<Problem> throttled(RecordingQueryException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1").body(body(e));
    }

    @ExceptionHandler({InvalidRequestException.class, IllegalArgumentException.class})
    ResponseEntity<Problem> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(new Problem("InvalidRequest", e.getMessage(), null));
    }

    @ExceptionHandler(RecordingQueryException.class)
    ResponseEntity<Problem> failed(RecordingQueryException e) {
        return problem(HttpStatus.BAD_GATEWAY, e);
    }

    private static ResponseEntity<Problem> problem(HttpStatus status, RecordingQueryException e) {
        return ResponseEntity.status(status).body(body(e));
    }

    private static Problem body(RecordingQueryException e) {
        return new Problem(e.code(), e.detail(), e.requestId().orElse(null));
    }
}
