package io.gmerecording.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 100 callers share one rate-limited query and describe 400 tasks against the emulator, which enforces 20 req/s per
 * BizId exactly like the service. It asserts what must hold (no second ever held more than 20 requests, nothing was
 * throttled, every answer is right) and prints the utilization; the time itself is a benchmark figure, not asserted.
 */
class RateLimitLoadTest {

    private static final int TASKS = 400;
    private static final int CALLERS = 100;
    private static final long BIZ = 9;

    @Test
    void oneHundredCallersStayUnderTheLimitAndEveryResultIsRight() throws Exception {
        StringBuilder fixtures = new StringBuilder("{\"tasks\":[");
        for (int i = 1; i <= TASKS; i++) {
            fixtures.append(i > 1 ? "," : "").append("{\"BizId\":").append(BIZ).append(",\"TaskId\":").append(i)
                    .append(",\"RoomId\":\"room-").append(i).append("\",\"RecordMode\":").append(1 + i % 3).append('}');
        }
        try (GmeEmulator emulator = GmeEmulator.builder()
                .fixtures(Fixtures.parse(fixtures.append("]}").toString().getBytes(StandardCharsets.UTF_8), "load"))
                .build()) {
            GmeRecording client = GmeRecording.builder().transport(HttpTransport.builder()
                    .endpoint(emulator.endpoint())
                    .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey())).build())
                    .maxRequestsPerSecond(20).build();
            RecordingQuery query = client.query();
            // no warm-up: a cold JVM's first requests are the hardest case for a limit counted at the server
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            long started = System.nanoTime();
            List<Future<RecordingTask>> answers = new ArrayList<>();
            for (int i = 1; i <= TASKS; i++) {
                TaskRef ref = TaskRef.of(BIZ, i);
                answers.add(callers.submit(() -> query.describe(ref)));
            }
            List<RecordingTask> results = new ArrayList<>();
            for (Future<RecordingTask> answer : answers) {
                results.add(answer.get());
            }
            double elapsedSeconds = (System.nanoTime() - started) / 1e9;
            callers.shutdown();
            client.close();

            for (int i = 1; i <= TASKS; i++) {
                RecordingTask task = results.get(i - 1);
                assertThat(task.ref()).isEqualTo(TaskRef.of(BIZ, i));
                assertThat(task.roomId()).isEqualTo("room-" + i);
                assertThat(task.recordModeCode()).isEqualTo(1 + i % 3);
            }
            int busiestSecond = emulator.requestLog().maxInAnyWindow(Duration.ofSeconds(1));
            long throttled = emulator.requestLog().count("RequestLimitExceeded");
            assertThat(busiestSecond).isLessThanOrEqualTo(20);
            assertThat(throttled).isZero();
            assertThat(emulator.requestLog().entries()).hasSize(TASKS);
            System.out.println(String.format(Locale.ROOT, "load: %d tasks by %d callers in %.2f s (ideal %.1f s): "
                    + "%.2f req/s, utilization %.3f, busiest second %d requests, %d throttled", TASKS, CALLERS,
                    elapsedSeconds, TASKS / 20.0, TASKS / elapsedSeconds, TASKS / elapsedSeconds / 20, busiestSecond,
                    throttled));
        }
    }
}
