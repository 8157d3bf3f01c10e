package io.gmerecording.core;

/**
 * What an adapter is: one request to the service and its answer, nothing more (no retries, no rate limit, no
 * observation: the client's call pipeline does those). {@code gme-recording-adapter-http} and
 * {@code gme-recording-adapter-sdk} implement it; an application hands one to
 * {@link GmeRecording.Builder#transport} and uses the {@link RecordingQuery} the client gives back, so the types
 * say which is the application's contract and which the adapters'.
 *
 * <p>Implementations are thread-safe. Every failure is a {@link io.gmerecording.core.error.RecordingQueryException}
 * subtype.
 */
public interface Transport extends AutoCloseable {

    /** The name observations and logs give this transport ("http", "sdk"), set by the adapter when it is built. */
    default String name() {
        return "custom";
    }

    /** Sends one {@code DescribeRecordInfo} request. */
    RecordingTask describe(TaskRef task);

    /** Releases what the transport holds (threads, connections). Idempotent; the default holds nothing. */
    @Override
    default void close() {
    }
}
