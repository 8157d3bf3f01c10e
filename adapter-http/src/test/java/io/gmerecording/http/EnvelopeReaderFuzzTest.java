package io.gmerecording.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;

/**
 * Whatever a 200 body holds, adapter-http's mapping gives a task or a domain error, nothing else, and the same outcome
 * as the data binding it replaced ({@link EnvelopeReaderMatchesDataBindingTest}). In {@code mvn verify}
 * this runs the stored inputs in {@code EnvelopeReaderFuzzTestInputs/}; docs/development.md says how to fuzz it.
 */
class EnvelopeReaderFuzzTest {

    private static final TaskRef TASK = TaskRef.of(3400352518L, 446192236330927912L);

    @FuzzTest(maxDuration = "60s")
    void anyBodyGivesATaskOrADomainError(byte[] body) {
        try {
            RecordingTask task = EnvelopeReader.read(TASK, body);
            assertThat(task.ref()).isEqualTo(TASK);
            assertThat(task.roomId()).isNotNull();
        } catch (RecordingQueryException expected) {
            assertThat(expected.code()).isNotEmpty();
        }
        EnvelopeReaderMatchesDataBindingTest.assertSameOutcome(body);
    }
}
