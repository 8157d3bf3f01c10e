package io.gmerecording.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainTypesTest {

    private static final TaskRef SEED = TaskRef.of(3400352518L, 446192236330927912L);
    private static final Instant BEGIN = Instant.ofEpochSecond(1234567868L);

    @Test
    void taskRefKeepsSixtyFourBitIdsExactly() {
        TaskRef ref = TaskRef.of(Long.MAX_VALUE, 9007199254740993L);

        assertThat(ref.bizId()).isEqualTo(Long.MAX_VALUE);
        assertThat(ref.taskId()).isEqualTo(9007199254740993L);
        assertThat(ref).isEqualTo(TaskRef.of(Long.MAX_VALUE, 9007199254740993L)).hasSameHashCodeAs(
                TaskRef.of(Long.MAX_VALUE, 9007199254740993L));
        assertThat(ref).isNotEqualTo(TaskRef.of(Long.MAX_VALUE, 9007199254740992L));
        assertThat(ref.toString()).contains("9007199254740993");
    }

    @Test
    void taskRefRejectsNonPositiveIdsNamingFieldAndValue() {
        assertThatThrownBy(() -> TaskRef.of(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bizId").hasMessageContaining("0");
        assertThatThrownBy(() -> TaskRef.of(1, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taskId").hasMessageContaining("-5");
        assertThatThrownBy(() -> TaskRef.of(Long.MIN_VALUE, 1)).hasMessageContaining(String.valueOf(Long.MIN_VALUE));
    }

    @Test
    void recordStatusKeepsUnknownCodesAsUnrecognized() {
        Recording known = Recording.of("6787", "f", BEGIN, 13);
        Recording unknown = Recording.of("6787", "f", BEGIN, 99);

        assertThat(known.status()).isEqualTo(RecordStatus.UPLOADED);
        assertThat(unknown.status()).isEqualTo(RecordStatus.UNRECOGNIZED);
        assertThat(unknown.statusCode()).isEqualTo(99);
        assertThat(RecordStatus.fromCode(-1)).isEqualTo(RecordStatus.UNRECOGNIZED);
        for (RecordStatus status : RecordStatus.values()) {
            if (status != RecordStatus.UNRECOGNIZED) {
                assertThat(RecordStatus.fromCode(status.code())).isEqualTo(status);
            }
        }
    }

    @Test
    void recordModeKeepsUnknownCodesAsUnrecognized() {
        assertThat(RecordMode.fromCode(1)).isEqualTo(RecordMode.SINGLE_STREAM);
        assertThat(RecordMode.fromCode(2)).isEqualTo(RecordMode.MIXED_STREAM);
        assertThat(RecordMode.fromCode(3)).isEqualTo(RecordMode.SINGLE_AND_MIXED);
        assertThat(RecordMode.fromCode(4)).isEqualTo(RecordMode.UNRECOGNIZED);
        assertThat(RecordMode.fromCode(-1)).isEqualTo(RecordMode.UNRECOGNIZED);
        RecordingTask task = RecordingTask.of(SEED, "7743", 7, Collections.emptyList(), "r");
        assertThat(task.recordMode()).isEqualTo(RecordMode.UNRECOGNIZED);
        assertThat(task.recordModeCode()).isEqualTo(7);
    }

    @Test
    void statusOrderFollowsThePipeline() {
        assertThat(RecordStatus.NOTIFIED.isAtLeast(RecordStatus.UPLOADED)).isTrue();
        assertThat(RecordStatus.UPLOADED.isAtLeast(RecordStatus.UPLOADED)).isTrue();
        assertThat(RecordStatus.RECORDING.isAtLeast(RecordStatus.TRANSCODING)).isFalse();
        assertThat(RecordStatus.UNRECOGNIZED.isAtLeast(RecordStatus.RECORDING)).isFalse();
        assertThat(RecordStatus.NOTIFIED.isAtLeast(RecordStatus.UNRECOGNIZED)).isFalse();
        assertThat(RecordStatus.UNRECOGNIZED.isAtLeast(RecordStatus.UNRECOGNIZED)).isTrue();
    }

    @Test
    void taskReportsWhetherAllRecordingsReachedAStatus() {
        RecordingTask done = RecordingTask.of(SEED, "7743", 1,
                Arrays.asList(Recording.of("a", "f", BEGIN, 14), Recording.of("b", "g", BEGIN, 13)), "r");
        RecordingTask empty = RecordingTask.of(SEED, "7743", 1, Collections.emptyList(), "r");

        assertThat(done.allRecordingsAtLeast(RecordStatus.UPLOADED)).isTrue();
        assertThat(done.allRecordingsAtLeast(RecordStatus.NOTIFIED)).isFalse();
        assertThat(empty.allRecordingsAtLeast(RecordStatus.RECORDING)).isFalse();
    }

    @Test
    void nullFieldsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> Recording.of(null, "f", BEGIN, 2)).hasMessage("userId must not be null");
        assertThatThrownBy(() -> Recording.of("u", null, BEGIN, 2)).hasMessage("fileName must not be null");
        assertThatThrownBy(() -> Recording.of("u", "f", null, 2)).hasMessage("beginTime must not be null");
        assertThatThrownBy(() -> RecordingTask.of(null, "r", 1, Collections.emptyList(), "q"))
                .hasMessage("ref must not be null");
        assertThatThrownBy(() -> RecordingTask.of(SEED, null, 1, Collections.emptyList(), "q"))
                .hasMessage("roomId must not be null");
        assertThatThrownBy(() -> RecordingTask.of(SEED, "r", 1, null, "q")).hasMessage("recordings must not be null");
        assertThatThrownBy(() -> RecordingTask.of(SEED, "r", 1, Collections.singletonList(null), "q"))
                .hasMessage("recordings[0] must not be null");
        assertThatThrownBy(() -> RecordingTask.of(SEED, "r", 1, Collections.emptyList(), null))
                .hasMessage("requestId must not be null");
    }

    @Test
    void taskIsImmutableAndComparesByValue() {
        List<Recording> source = new ArrayList<>();
        source.add(Recording.of("6787", "/f", BEGIN, 2));
        RecordingTask task = RecordingTask.of(SEED, "7743", 1, source, "h9167d24");
        source.clear();

        assertThat(task.recordings()).hasSize(1);
        assertThatThrownBy(() -> task.recordings().clear()).isInstanceOf(UnsupportedOperationException.class);
        RecordingTask same = RecordingTask.of(SEED, "7743", 1,
                Collections.singletonList(Recording.of("6787", "/f", BEGIN, 2)), "h9167d24");
        assertThat(task).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(task).isNotEqualTo(RecordingTask.of(SEED, "7743", 2, same.recordings(), "h9167d24"));
        assertThat(task).as("the same state in another answer").isEqualTo(RecordingTask.of(SEED, "7743", 1,
                same.recordings(), "other")).hasSameHashCodeAs(RecordingTask.of(SEED, "7743", 1, same.recordings(),
                        "other"));
        assertThat(task.toString()).contains("7743", "SINGLE_STREAM", "RECORDING", "446192236330927912");
    }

    @Test
    void credentialsNeverShowTheirSecrets() {
        Credentials credentials = Credentials.of("AKIDexample1234", "very-secret-key", "session-token-xyz");

        assertThat(credentials.toString())
                .doesNotContain("very-secret-key")
                .doesNotContain("session-token-xyz")
                .doesNotContain("AKIDexample")
                .contains("1234");
        assertThat(credentials.token()).contains("session-token-xyz");
        assertThat(Credentials.of("id", "key", "").token()).isEmpty();
        assertThatThrownBy(() -> Credentials.of(" ", "key")).hasMessageContaining("secretId");
        assertThatThrownBy(() -> Credentials.of("id", null)).hasMessageContaining("secretKey");
        assertThat(CredentialsProvider.of(credentials).resolve()).isSameAs(credentials);
    }
}
