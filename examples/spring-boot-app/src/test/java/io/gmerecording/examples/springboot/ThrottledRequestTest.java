package io.gmerecording.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.micrometer.MicrometerRecordingObserver;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** A budget of one request per 1,000 s and no waiting: the second request is refused, whatever the timing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gme.recording.max-requests-per-second=0.001", "gme.recording.max-rate-limit-wait=0s",
            "gme.recording.tracker.enabled=false"})
class ThrottledRequestTest extends AgainstTheEmulator {

    @Test
    void aRequestBeyondTheBudgetIsA429WithRetryAfter() throws Exception {
        assertThat(get("/recordings/3400352518/446192236330927912").statusCode()).isEqualTo(200);

        HttpResponse<String> throttled = get("/recordings/3400352518/446192236330927912");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
        assertThat(throttled.body()).contains("\"code\":\"" + ErrorCodes.CLIENT_RATE_LIMIT_WAIT_EXCEEDED + "\"");
        assertThat(meters.get(MicrometerRecordingObserver.THROTTLED).tag("source", "client").counter().count())
                .isEqualTo(1);
        assertThat(meters.get(MicrometerRecordingObserver.RATE_LIMIT_WAIT).tag("outcome", "refused").timer()
                .count()).isEqualTo(1);
        assertThat(EMULATOR.emulator().requestLog().entries()).hasSize(1);
    }
}
