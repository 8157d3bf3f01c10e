package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.http.HttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A test's dispatcher in front of the emulator: its faults replace the emulator's answer; otherwise all is as always. */
class DispatcherTest {

    private static final TaskRef SEED = TaskRef.of(3400352518L, 446192236330927912L);
    private static final Credentials DEMO = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());

    private static Transport client(GmeEmulator emulator) {
        return HttpTransport.builder().endpoint(emulator.endpoint()).credentials(DEMO)
                .requestTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void theFirstTwoRequestsFailAsTheTestSaysAndTheThirdIsTheEmulatorsOwn() {
        AtomicInteger seen = new AtomicInteger();
        List<String> actions = new CopyOnWriteArrayList<>();
        Dispatcher faults = request -> {
            actions.add(request.method() + " " + request.path() + " " + request.action().orElse("-"));
            switch (seen.incrementAndGet()) {
                case 1:
                    return Optional.of(Dispatcher.Answer.of(503, "<html>busy</html>"));
                case 2:
                    return Optional.of(Dispatcher.Answer.dropConnection().after(Duration.ofMillis(10)));
                default:
                    return Optional.empty();
            }
        };
        try (GmeEmulator emulator = GmeEmulator.builder().dispatcher(faults).build();
                Transport query = client(emulator)) {
            RecordingQueryException busy = catchThrowableOfType(RecordingQueryException.class,
                    () -> query.describe(SEED));
            RecordingQueryException dropped = catchThrowableOfType(RecordingQueryException.class,
                    () -> query.describe(SEED));
            String room = query.describe(SEED).roomId();

            assertThat(busy.code()).isEqualTo("Transport.HttpStatus");
            assertThat(busy.detail()).contains("503");
            assertThat(dropped.code()).startsWith("Transport.");
            assertThat(room).isEqualTo("7743");
            assertThat(actions).containsExactly("POST / DescribeRecordInfo", "POST / DescribeRecordInfo",
                    "POST / DescribeRecordInfo");
            assertThat(emulator.requestLog().entries()).as("only the emulator's own answers are logged").hasSize(1);
        }
    }

    @Test
    void aBodyOfTheTestsOwnIsAnsweredAsIs() {
        String answer = "{\"Response\":{\"Error\":{\"Code\":\"InternalError.Custom\",\"Message\":\"m\"},"
                + "\"RequestId\":\"r-1\"}}";
        try (GmeEmulator emulator = GmeEmulator.builder()
                .dispatcher(request -> Optional.of(Dispatcher.Answer.of(200, answer))).build();
                Transport query = client(emulator)) {
            RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class,
                    () -> query.describe(SEED));

            assertThat(error.code()).isEqualTo("InternalError.Custom");
            assertThat(error.requestId()).contains("r-1");
        }
    }
}
