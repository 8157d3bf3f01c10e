package io.gmerecording.core;

import io.gmerecording.core.error.RecordingQueryException;

/**
 * The one capability this library offers: tell the state of a GME recording task
 * and the files it produced (the {@code DescribeRecordInfo} action).
 *
 * <p>Implementations are thread-safe. Every failure is a {@link RecordingQueryException}
 * subtype; nothing else escapes.
 */
public interface RecordingQuery {

    /**
     * Describes one recording task.
     *
     * @throws RecordingQueryException (unchecked) when the task cannot be described
     */
    RecordingTask describe(TaskRef task);
}
