package example;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.TaskNotFoundException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class RecordingsApp {

    private final RecordingQuery recordings; // the starter's bean: retries, rate limit, metrics

    public RecordingsApp(RecordingQuery recordings) {
        this.recordings = recordings;
    }

    @GetMapping("/recordings/{bizId}/{taskId}")
    public ResponseEntity<Map<String, Object>> recording(@PathVariable("bizId") long bizId,
            @PathVariable("taskId") long taskId) {
        try {
            RecordingTask task = recordings.describe(TaskRef.of(bizId, taskId));
            return ResponseEntity.ok(Map.of("roomId", task.roomId(), "recordings", task.recordings().size()));
        } catch (TaskNotFoundException e) {
            return ResponseEntity.status(404).body(Map.of("code", e.code()));
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(RecordingsApp.class, args);
    }
}
