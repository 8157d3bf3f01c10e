package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.util.Objects;
import java.util.Optional;

/** The outcome for one task of a batch: its value or its error, never both. */
public final class BatchResult {

    private final TaskRef ref;
    private final RecordingTask value;
    private final RecordingQueryException error;

    private BatchResult(TaskRef ref, RecordingTask value, RecordingQueryException error) {
        this.ref = Objects.requireNonNull(ref, "ref must not be null");
        this.value = value;
        this.error = error;
    }

    static BatchResult success(TaskRef ref, RecordingTask value) {
        return new BatchResult(ref, Objects.requireNonNull(value, "value must not be null"), null);
    }

    static BatchResult failure(TaskRef ref, RecordingQueryException error) {
        return new BatchResult(ref, null, Objects.requireNonNull(error, "error must not be null"));
    }

    public TaskRef ref() {
        return ref;
    }

    public boolean isSuccess() {
        return value != null;
    }

    public Optional<RecordingTask> value() {
        return Optional.ofNullable(value);
    }

    public Optional<RecordingQueryException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return "BatchResult[" + ref + ", " + (value != null ? value : error) + "]";
    }
}
