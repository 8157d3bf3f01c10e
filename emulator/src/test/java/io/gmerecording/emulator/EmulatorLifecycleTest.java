package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingControl;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.error.RoomNotFoundException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import io.gmerecording.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole lifecycle of a room against the emulator, through both adapters, which must agree on every answer. */
class EmulatorLifecycleTest {

    private static final long BIZ = 1400000000L;
    private static final Credentials DEMO = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());

    // the SDK signs with the system clock, so the emulator's starts from it (and moves by seconds only)
    private final MutableClock clock = new MutableClock(Instant.now());
    private GmeEmulator emulator;
    private GmeRecording http;
    private GmeRecording sdk;

    @BeforeEach
    void start() {
        emulator = GmeEmulator.builder().clock(clock).simulationStep(Duration.ofSeconds(1)).build();
        http = GmeRecording.builder().transport(HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock)
                .credentials(DEMO).build()).build();
        sdk = GmeRecording.builder().transport(SdkTransport.builder().endpoint(emulator.endpoint())
                .credentials(DEMO).build()).build();
    }

    @AfterEach
    void stop() {
        http.close();
        sdk.close();
        emulator.close();
    }

    private static List<String> users(RecordingTask task) {
        return task.recordings().stream().map(Recording::userId).collect(Collectors.toList());
    }

    @Test
    void aRoomIsStartedModifiedStoppedAndItsFilesReachNotifiedTheAdaptersAgreeing() {
        RoomRef room = RoomRef.of(BIZ, "100");
        emulator.room(BIZ, "100").join("999").join("1001");

        StartedRecording started = http.control().start(room, RecordMode.SINGLE_STREAM, Subscription.everyone());
        assertThat(started.alreadyRunning()).isFalse();
        RecordingTask recording = http.query().describe(started.task());
        assertThat(recording).isEqualTo(sdk.query().describe(started.task()));
        assertThat(recording.roomId()).isEqualTo("100");
        assertThat(users(recording)).containsExactly("999", "1001");
        assertThat(recording.status()).contains(RecordStatus.RECORDING);

        RoomTask found = sdk.control().taskOf(room).orElseThrow();
        assertThat(found).isEqualTo(http.control().taskOf(room).orElseThrow());
        assertThat(found.task()).isEqualTo(started.task());
        assertThat(found.subscription()).isEqualTo(Subscription.everyone());

        StartedRecording again = sdk.control().start(room, RecordMode.SINGLE_STREAM, Subscription.everyone());
        assertThat(again).as("the room's one task, running already")
                .isEqualTo(StartedRecording.alreadyRunning(started.task(), "any"));

        http.control().modify(started.task(), RecordMode.SINGLE_AND_MIXED, Subscription.allBut(List.of("1001")));
        assertThat(sdk.control().taskOf(room).orElseThrow().subscription())
                .isEqualTo(Subscription.allBut(List.of("1001")));
        emulator.room(BIZ, "100").mute("999").unmute("999").join("1002");
        assertThat(users(http.query().describe(started.task()))).as("a new segment on unmute, the mixed file, a "
                + "user who joined").containsExactly("999", "1001", "0", "999", "1002");

        sdk.control().stop(started.task());
        assertThat(http.query().describe(started.task()).status()).contains(RecordStatus.AWAITING_TRANSCODE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(http.query().describe(started.task()).status()).contains(RecordStatus.TRANSCODING);
        clock.advance(Duration.ofSeconds(10));
        RecordingTask done = http.query().describe(started.task());
        assertThat(done).isEqualTo(sdk.query().describe(started.task()));
        assertThat(done.allRecordingsAtLeast(RecordStatus.NOTIFIED)).isTrue();
        assertThat(http.control().taskOf(room)).isEmpty();
        assertThatThrownBy(() -> sdk.control().stop(started.task())).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void aSubscriptionRecordsOnlyItsUsersAndTheMixedModeOneFile() {
        emulator.room(BIZ, "only").join("1").join("2").join("3");
        StartedRecording only = http.control().start(RoomRef.of(BIZ, "only"), RecordMode.SINGLE_STREAM,
                Subscription.only(List.of("2")));
        assertThat(users(sdk.query().describe(only.task()))).containsExactly("2");

        emulator.room(BIZ, "mixed").join("1").join("2");
        StartedRecording mixed = sdk.control().start(RoomRef.of(BIZ, "mixed"), RecordMode.MIXED_STREAM,
                Subscription.everyone());
        assertThat(users(http.query().describe(mixed.task()))).containsExactly("0");
    }

    @Test
    void anEmptyRoomCannotBeRecorded() {
        emulator.room(BIZ, "empty").join("1").leave("1");
        RecordingControl control = http.control();

        assertThatThrownBy(() -> control.start(RoomRef.of(BIZ, "empty"), RecordMode.SINGLE_STREAM,
                Subscription.everyone())).isInstanceOf(RoomNotFoundException.class);
        assertThat(sdk.control().taskOf(RoomRef.of(BIZ, "empty"))).isEmpty();
        assertThatThrownBy(() -> emulator.room(BIZ, "empty").join("0")).hasMessageContaining("mixed stream");
    }

    /** The clock moves hours here, past the SDK's signature skew: only the http adapter signs on the injected clock. */
    @Test
    void aFileThatReachesTwoHoursIsFollowedByTheNextSegment() {
        emulator.room(BIZ, "long").join("1");
        StartedRecording started = http.control().start(RoomRef.of(BIZ, "long"), RecordMode.SINGLE_AND_MIXED,
                Subscription.everyone());
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(users(http.query().describe(started.task()))).containsExactly("1", "0");

        clock.advance(Duration.ofHours(2).plusSeconds(1));
        List<Recording> recordings = http.query().describe(started.task()).recordings();
        assertThat(recordings).extracting(Recording::userId).containsExactly("1", "0", "1", "0", "1", "0");
        assertThat(recordings.get(4).beginTime().getEpochSecond() - recordings.get(0).beginTime().getEpochSecond())
                .isEqualTo(Duration.ofHours(4).toSeconds());
        assertThat(recordings).extracting(Recording::fileName).doesNotHaveDuplicates();
    }

    @Test
    void aTaskEndsTwelveHoursAfterItsRoomEmptiesAndWhoeverComesBackBeforeIsRecordedAgain() {
        RoomRef room = RoomRef.of(BIZ, "grace");
        emulator.room(BIZ, "grace").join("1");
        StartedRecording started = http.control().start(room, RecordMode.SINGLE_STREAM, Subscription.everyone());
        emulator.room(BIZ, "grace").leave("1");
        clock.advance(Duration.ofHours(11));
        emulator.room(BIZ, "grace").join("1");
        assertThat(users(http.query().describe(started.task()))).as("the user back within 12 hours")
                .containsExactly("1", "1");
        assertThat(http.control().taskOf(room)).isPresent();

        emulator.room(BIZ, "grace").leave("1");
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(http.control().taskOf(room)).isPresent();
        assertThat(http.query().describe(started.task()).status()).contains(RecordStatus.RECORDING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(http.control().taskOf(room)).as("ended 12 hours after the room emptied").isEmpty();
        assertThat(http.query().describe(started.task()).status()).contains(RecordStatus.AWAITING_TRANSCODE);
        assertThatThrownBy(() -> http.control().stop(started.task())).isInstanceOf(TaskNotFoundException.class);
        emulator.room(BIZ, "grace").join("2");
        assertThat(users(http.query().describe(started.task()))).as("no file after the end").hasSize(2);
    }

    @Test
    void fixturesDeclareRoomsWithTheirUsers() {
        Fixtures fixtures = Fixtures.parse(("{\"rooms\": [{\"BizId\": 1400000001, \"RoomId\": \"lobby\", "
                + "\"Users\": [\"7\", \"8\"]}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");
        try (GmeEmulator declared = GmeEmulator.builder().fixtures(fixtures).build();
                GmeRecording client = GmeRecording.builder().transport(HttpTransport.builder()
                        .endpoint(declared.endpoint()).credentials(DEMO).build()).build()) {
            assertThat(declared.room(1400000001L, "lobby").users()).containsExactly("7", "8");
            StartedRecording started = client.control().start(RoomRef.of(1400000001L, "lobby"),
                    RecordMode.SINGLE_STREAM, Subscription.everyone());
            assertThat(users(client.query().describe(started.task()))).containsExactly("7", "8");
        }
    }
}
