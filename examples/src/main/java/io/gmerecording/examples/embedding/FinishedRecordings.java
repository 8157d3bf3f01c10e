package io.gmerecording.examples.embedding;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.AuthenticationException;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.TaskNotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How an application embeds the library: it depends on the {@link RecordingQuery} port only, and the composition
 * root (see {@link EmbeddingExample}) decides the adapter and the policies. This service answers "which files of
 * this task are safely in storage?" and turns the domain errors into the answers the application needs.
 */
public final class FinishedRecordings {

    /** What the application learns about one task. */
    public enum Outcome { READY, NOT_YET, NO_SUCH_TASK, TRY_LATER }

    /** The outcome with the files uploaded so far (empty unless READY). */
    public static final class Answer {
        public final Outcome outcome;
        public final List<String> files;
        public final String detail;

        Answer(Outcome outcome, List<String> files, String detail) {
            this.outcome = outcome;
            this.files = Collections.unmodifiableList(files);
            this.detail = detail;
        }
    }

    private final RecordingQuery recordings;

    public FinishedRecordings(RecordingQuery recordings) {
        this.recordings = Objects.requireNonNull(recordings, "recordings must not be null");
    }

    public Answer filesOf(long bizId, long taskId) {
        RecordingTask task;
        try {
            task = recordings.describe(TaskRef.of(bizId, taskId));
        } catch (TaskNotFoundException e) {
            return new Answer(Outcome.NO_SUCH_TASK, Collections.emptyList(), e.getMessage());
        } catch (AuthenticationException e) {
            // a configuration problem, not a task problem: let it reach the operator
            throw e;
        } catch (RecordingQueryException e) {
            if (e.isRetryable()) {
                return new Answer(Outcome.TRY_LATER, Collections.emptyList(), e.getMessage());
            }
            throw e;
        }
        if (!task.allRecordingsAtLeast(RecordStatus.UPLOADED)) {
            return new Answer(Outcome.NOT_YET, Collections.emptyList(), "RequestId " + task.requestId());
        }
        List<String> files = new ArrayList<>();
        for (Recording recording : task.recordings()) {
            files.add(recording.fileName());
        }
        return new Answer(Outcome.READY, files, "RequestId " + task.requestId());
    }
}
