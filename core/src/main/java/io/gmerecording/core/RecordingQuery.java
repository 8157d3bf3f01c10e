package io.gmerecording.core;

import io.gmerecording.core.error.RecordingQueryException;

/**
 * The one capability this library offers: tell the state of a GME recording task
 * and the files it produced (the {@code DescribeRecordInfo} action).
 *
 * <p>Implementations are thread-safe: build one per application, share it, and close it at shutdown. Every failure
 * is a {@link RecordingQueryException} subtype; nothing else escapes.
 */
public interface RecordingQuery extends AutoCloseable {

    /**
     * Describes one recording task.
     *
     * @throws RecordingQueryException (unchecked) when the task cannot be described; {@code Client.Closed} after
     *     {@link #close()}
     */
    RecordingTask describe(TaskRef task);

    /**
     * Releases what the query holds (threads, connections); decorators close what they wrap. Idempotent. The default
     * holds nothing.
     */
    @Override
    default void close() {
    }
}
