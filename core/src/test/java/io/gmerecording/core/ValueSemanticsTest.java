package io.gmerecording.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.spi.ServiceEndpoint;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** equals, hashCode, accessors and toString of the value types, field by field. */
class ValueSemanticsTest {

    private static final Instant T = Instant.ofEpochSecond(100);

    @Test
    void taskRefsDifferByEitherIdAndTheSmallestIdsAreValid() {
        TaskRef one = TaskRef.of(1, 1);

        assertThat(one.bizId()).isEqualTo(1);
        assertThat(one).isEqualTo(one).isNotEqualTo(TaskRef.of(1, 2)).isNotEqualTo(TaskRef.of(2, 1)).isNotEqualTo("x");
        assertThat(TaskRef.of(1, 2).hashCode()).isNotEqualTo(TaskRef.of(2, 1).hashCode());
        assertThat(TaskRef.of(3, 5).hashCode()).isEqualTo(3 * 31 + 5);
    }

    @Test
    void recordingsCompareEveryField() {
        Recording base = Recording.of("u", "f", T, 2);

        assertThat(base.userId()).isEqualTo("u");
        assertThat(base.fileName()).isEqualTo("f");
        assertThat(base.beginTime()).isEqualTo(T);
        assertThat(base).isEqualTo(base).isNotEqualTo(null).isNotEqualTo("u")
                .isNotEqualTo(Recording.of("v", "f", T, 2))
                .isNotEqualTo(Recording.of("u", "g", T, 2))
                .isNotEqualTo(Recording.of("u", "f", T.plusSeconds(1), 2))
                .isNotEqualTo(Recording.of("u", "f", T, 10));
        assertThat(base.hashCode()).isEqualTo(Recording.of("u", "f", T, 2).hashCode())
                .isNotEqualTo(Recording.of("u", "f", T, 10).hashCode());
        assertThat(base.toString()).contains("u", "f", "RECORDING", "(2)");
    }

    @Test
    void tasksCompareEveryFieldAndHashAlike() {
        RecordingTask task = RecordingTask.of(TaskRef.of(1, 2), "room", 1,
                java.util.Collections.singletonList(Recording.of("u", "f", T, 2)), "req");

        assertThat(task).isEqualTo(task).isNotEqualTo("task")
                .isNotEqualTo(RecordingTask.of(TaskRef.of(1, 3), "room", 1, task.recordings(), "req"))
                .isNotEqualTo(RecordingTask.of(TaskRef.of(1, 2), "other", 1, task.recordings(), "req"))
                .isNotEqualTo(RecordingTask.of(TaskRef.of(1, 2), "room", 1, java.util.Collections.emptyList(), "req"));
        assertThat(task.hashCode()).isEqualTo(RecordingTask.of(TaskRef.of(1, 2), "room", 1, task.recordings(), "req")
                .hashCode()).isNotEqualTo(RecordingTask.of(TaskRef.of(1, 2), "room", 2, task.recordings(), "req")
                .hashCode());
    }

    @Test
    void credentialsCompareEveryFieldAndMaskShortIds() {
        Credentials base = Credentials.of("AKIDabcdef", "key", "token");

        assertThat(base.secretId()).isEqualTo("AKIDabcdef");
        assertThat(base.secretKey()).isEqualTo("key");
        assertThat(base).isEqualTo(base).isEqualTo(Credentials.of("AKIDabcdef", "key", "token")).isNotEqualTo("x")
                .isNotEqualTo(Credentials.of("AKIDabcdeg", "key", "token"))
                .isNotEqualTo(Credentials.of("AKIDabcdef", "kex", "token"))
                .isNotEqualTo(Credentials.of("AKIDabcdef", "key"));
        assertThat(base.hashCode()).isEqualTo(Credentials.of("AKIDabcdef", "key", "token").hashCode())
                .isNotEqualTo(Credentials.of("AKIDabcdef", "key").hashCode());
        assertThat(base.maskedSecretId()).isEqualTo("****cdef");
        assertThat(Credentials.of("AB", "k").maskedSecretId()).isEqualTo("****B");
        assertThat(Credentials.of("AKIDabcdef", "key").toString()).doesNotContain("token");
        assertThat(base.toString()).contains("token=<redacted>");
    }

    @Test
    void endpointsCompareByUrlAndExposeTheirParts() {
        ServiceEndpoint endpoint = ServiceEndpoint.parse("https://GME.example.com:8443", false);

        assertThat(endpoint.host()).isEqualTo("gme.example.com");
        assertThat(endpoint.port()).isEqualTo(8443);
        assertThat(endpoint.toString()).isEqualTo("https://gme.example.com:8443/");
        assertThat(endpoint).isEqualTo(ServiceEndpoint.parse("https://gme.example.com:8443/", false))
                .isNotEqualTo(ServiceEndpoint.parse("https://gme.example.com", false)).isNotEqualTo("x");
        assertThat(endpoint.hashCode()).isEqualTo("https://gme.example.com:8443/".hashCode());
    }

    @Test
    void modeCodesRoundTrip() {
        for (RecordMode mode : RecordMode.values()) {
            if (mode != RecordMode.UNRECOGNIZED) {
                assertThat(RecordMode.fromCode(mode.code())).isEqualTo(mode);
            }
        }
        assertThat(RecordMode.UNRECOGNIZED.code()).isEqualTo(-1);
    }
}
