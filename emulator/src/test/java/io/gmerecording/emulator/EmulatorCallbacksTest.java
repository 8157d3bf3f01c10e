package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.gmerecording.callbacks.CallbackHttpHandler;
import io.gmerecording.callbacks.CallbackListener;
import io.gmerecording.callbacks.CallbackReceiver;
import io.gmerecording.callbacks.RecordingEvent;
import io.gmerecording.callbacks.RecordingEventType;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.testing.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator calls back as the service does: a signed event per file started, finished and uploaded, which our
 * receiver verifies, with the faults a target asks for and every attempt recorded. Simulated time: the test moves the
 * clock and has the events of that time delivered ({@link GmeEmulator#deliverCallbacks()}).
 */
class EmulatorCallbacksTest {

    private static final String APP_KEY = "emulated-app-permission-key";
    private static final long BIZ = 1400000001L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<RecordingEvent> taken = new CopyOnWriteArrayList<>();
    private final List<RecordingEvent> repeats = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private HttpServer receiver;
    private URI url;
    private GmeEmulator emulator;
    private Transport http;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/callback", new CallbackHttpHandler(CallbackReceiver.builder(APP_KEY).build(),
                new CallbackListener() {
                    @Override
                    public void event(RecordingEvent event) {
                        if (failuresToCome.getAndDecrement() > 0) {
                            throw new IllegalStateException("not now");
                        }
                        taken.add(event);
                    }

                    @Override
                    public void duplicate(RecordingEvent event) {
                        repeats.add(event);
                    }
                }));
        receiver.start();
        url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/callback");
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        receiver.stop(0);
    }

    private void start(CallbackTarget target) {
        emulator = GmeEmulator.builder().clock(clock).simulationStep(Duration.ofSeconds(1)).callbacks(target).build();
        http = HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock).credentials(
                io.gmerecording.core.Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey()))
                .build();
    }

    /** Starts a room's recording, lets it run a minute, stops it, and moves the clock past NOTIFIED. */
    private TaskRef recordAndStop(RecordMode mode) {
        emulator.room(BIZ, "300").join("999");
        TaskRef task = http.startRecord(RoomRef.of(BIZ, "300"), mode, Subscription.everyone()).task();
        clock.advance(Duration.ofMinutes(1));
        http.stopRecord(task);
        emulator.deliverCallbacks();
        clock.advance(Duration.ofSeconds(5));
        emulator.deliverCallbacks();
        return task;
    }

    @Test
    void aFileStartedFinishedAndUploadedIsThreeSignedEventsInOrder() {
        start(CallbackTarget.to(url, APP_KEY).withRetries(0, Duration.ZERO));

        TaskRef task = recordAndStop(RecordMode.SINGLE_STREAM);

        assertThat(taken).extracting(RecordingEvent::type).containsExactly(RecordingEventType.RECORDING_STARTED,
                RecordingEventType.RECORDING_FINISHED, RecordingEventType.UPLOADED);
        assertThat(taken).allSatisfy(event -> {
            assertThat(event.task()).isEqualTo(task);
            assertThat(event.roomId()).hasValue("300");
            assertThat(event.userId()).hasValue("999");
            assertThat(event.recordMode()).isEqualTo(RecordMode.SINGLE_STREAM);
            assertThat(event.callbackRecordModeCode()).as("the callback counts single as 0").hasValue(0L);
            assertThat(event.seqNo()).isZero();
            assertThat(event.fileName()).hasValueSatisfying(name -> assertThat(name).contains("_999/"));
        });
        assertThat(taken.get(0).timestamp()).hasValue(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(taken.get(1).timestamp()).hasValue(Instant.parse("2026-12-01T10:01:00Z"));
        assertThat(taken.get(2).timestamp()).as("NOTIFIED, four steps after the stop")
                .hasValue(Instant.parse("2026-12-01T10:01:04Z"));
        assertThat(emulator.callbackDeliveries()).hasSize(3).allSatisfy(delivery -> {
            assertThat(delivery.outcome()).isEqualTo(CallbackDelivery.Outcome.ANSWERED);
            assertThat(delivery.status()).hasValue(200);
            assertThat(delivery.attempt()).isEqualTo(1);
        });
    }

    @Test
    void theMixedStreamIsUserZeroWithTheCallbacksRecordModeOne() {
        start(CallbackTarget.to(url, APP_KEY));

        recordAndStop(RecordMode.SINGLE_AND_MIXED);

        assertThat(taken).hasSize(6);
        assertThat(taken.stream().filter(event -> event.userId().orElse("").equals("0")))
                .hasSize(3).allSatisfy(event -> assertThat(event.recordMode()).isEqualTo(RecordMode.MIXED_STREAM));
    }

    @Test
    void anUnmuteStartsTheNextSegmentWithTheNextSeqNo() {
        start(CallbackTarget.to(url, APP_KEY));
        emulator.room(BIZ, "300").join("999");
        TaskRef task = http.startRecord(RoomRef.of(BIZ, "300"), RecordMode.SINGLE_STREAM, Subscription.everyone())
                .task();

        emulator.room(BIZ, "300").mute("999").unmute("999");
        emulator.deliverCallbacks();

        assertThat(taken).extracting(event -> event.type() + "#" + event.seqNo()).containsExactly(
                "RECORDING_STARTED#0", "RECORDING_FINISHED#0", "RECORDING_STARTED#1");
        assertThat(taken).allSatisfy(event -> assertThat(event.task()).isEqualTo(task));
    }

    @Test
    void droppedEventsAreRecordedAndNeverSent() {
        start(CallbackTarget.to(url, APP_KEY).withDropped(1.0));

        recordAndStop(RecordMode.SINGLE_STREAM);

        assertThat(taken).isEmpty();
        assertThat(emulator.callbackDeliveries()).hasSize(3).allSatisfy(delivery -> assertThat(delivery.outcome())
                .isEqualTo(CallbackDelivery.Outcome.DROPPED));
    }

    @Test
    void duplicatedEventsArriveTwiceAndTheReceiverTakesEachOnce() {
        start(CallbackTarget.to(url, APP_KEY).withDuplicated(1.0));

        recordAndStop(RecordMode.SINGLE_STREAM);

        assertThat(taken).hasSize(3);
        assertThat(repeats).hasSize(3);
        assertThat(emulator.callbackDeliveries()).hasSize(6);
    }

    @Test
    void reorderedEventsArriveOutOfOrder() {
        start(CallbackTarget.to(url, APP_KEY).withReordered(1.0));
        emulator.room(BIZ, "300").join("999");
        http.startRecord(RoomRef.of(BIZ, "300"), RecordMode.SINGLE_STREAM, Subscription.everyone());
        emulator.room(BIZ, "300").mute("999");

        emulator.deliverCallbacks();

        assertThat(taken).extracting(RecordingEvent::type).containsExactly(RecordingEventType.RECORDING_FINISHED,
                RecordingEventType.RECORDING_STARTED);
    }

    @Test
    void anAnswerOtherThan2xxIsTriedAgainAndEachAttemptRecorded() throws Exception {
        failuresToCome.set(1);
        start(CallbackTarget.to(url, APP_KEY).withRetries(2, Duration.ZERO));
        emulator.room(BIZ, "300").join("999");
        http.startRecord(RoomRef.of(BIZ, "300"), RecordMode.SINGLE_STREAM, Subscription.everyone());

        emulator.deliverCallbacks();
        emulator.deliverCallbacks();

        assertThat(taken).hasSize(1);
        assertThat(emulator.callbackDeliveries()).extracting(delivery -> delivery.attempt() + ":"
                + delivery.status().orElse(0)).containsExactly("1:500", "2:200");
    }

    @Test
    void aReceiverThatIsNotThereIsRecordedAsNoAnswer() {
        receiver.stop(0);
        start(CallbackTarget.to(url, APP_KEY).withRetries(0, Duration.ZERO));
        emulator.room(BIZ, "300").join("999");
        http.startRecord(RoomRef.of(BIZ, "300"), RecordMode.SINGLE_STREAM, Subscription.everyone());

        emulator.deliverCallbacks();

        assertThat(emulator.callbackDeliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.outcome()).isEqualTo(CallbackDelivery.Outcome.NO_ANSWER);
            assertThat(delivery.failure()).isPresent();
        });
    }

    @Test
    void aTargetRefusesWhatCannotWork() {
        assertThatThrownBy(() -> CallbackTarget.to(URI.create("ftp://host/x"), APP_KEY))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> CallbackTarget.to(url, APP_KEY).withDropped(1.5)).hasMessageContaining("1.5");
        assertThat(CallbackTarget.to(url, APP_KEY).toString()).doesNotContain(APP_KEY);
        assertThat(List.of(CallbackTarget.to(url, APP_KEY).withSeed(3)).stream().map(Object::toString)
                .collect(Collectors.joining())).contains(url.toString());
    }
}
