package io.gmerecording.core.policy;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A tracked task's status moved. The status of a task is that of its least advanced recording: the task is
 * TRANSCODING while any recording is still transcoding.
 */
public final class TaskChange {

    private final TaskRef task;
    private final RecordStatus previous;
    private final RecordStatus current;
    private final RecordingTask answer;

    TaskChange(TaskRef task, RecordStatus previous, RecordStatus current, RecordingTask answer) {
        this.task = task;
        this.previous = previous;
        this.current = current;
        this.answer = answer;
    }

    public TaskRef task() {
        return task;
    }

    /** Empty for the first status seen. */
    public Optional<RecordStatus> previous() {
        return Optional.ofNullable(previous);
    }

    public RecordStatus current() {
        return current;
    }

    /** The answer that showed the change, with every recording. */
    public RecordingTask answer() {
        return answer;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TaskChange)) {
            return false;
        }
        TaskChange that = (TaskChange) other;
        return task.equals(that.task) && previous == that.previous && current == that.current
                && answer.equals(that.answer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, previous, current, answer);
    }

    @Override
    public String toString() {
        return "TaskChange[" + task + ": " + (previous == null ? "(first)" : previous) + " -> " + current + "]";
    }
}
