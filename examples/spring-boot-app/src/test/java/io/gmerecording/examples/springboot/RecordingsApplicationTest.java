package io.gmerecording.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.micrometer.MicrometerRecordingObserver;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gme.recording.max-requests-per-second=2")
class RecordingsApplicationTest extends AgainstTheEmulator {

    @Test
    void answersATaskAsJsonAndAnUnknownOneWith404WithTheRequestTimerTagged() throws Exception {
        HttpResponse<String> found = get("/recordings/3400352518/446192236330927912");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"roomId\":\"7743\"").contains("\"recordMode\":\"SINGLE_STREAM\"")
                .contains("\"userId\":\"6787\"").contains("\"status\":\"RECORDING\"");

        HttpResponse<String> missing = get("/recordings/3400352518/42");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"ResourceNotFound.TaskNotFound\"");

        // two a second is the budget here; the third request within it waits, and tells the meters how long
        for (int i = 0; i < 3; i++) {
            assertThat(get("/recordings/3400352518/446192236330927914").statusCode()).isEqualTo(200);
        }

        assertThat(meters.get(MicrometerRecordingObserver.REQUESTS).tag("adapter", "http").tag("outcome", "success")
                .tag("error.code", "none").timer().count()).isEqualTo(4);
        assertThat(meters.get(MicrometerRecordingObserver.REQUESTS).tag("outcome", "error")
                .tag("error.code", "ResourceNotFound.TaskNotFound").timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerRecordingObserver.RATE_LIMIT_WAIT).tag("outcome", "granted").timer()
                .count()).isEqualTo(5);
    }

    @Test
    void aBadIdIsA400NotAStackTrace() throws Exception {
        HttpResponse<String> bad = get("/recordings/0/1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("InvalidRequest").doesNotContain("Exception");
    }
}
