package io.gmerecording.cli;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;

/** Prints a summary of every request and answer on stderr: never the SecretKey, token or signature. */
final class VerboseRecordingQuery implements RecordingQuery {

    private final RecordingQuery delegate;
    private final String adapter;
    private final String endpoint;
    private final CredentialsProvider credentials;
    private final CliEnvironment environment;

    VerboseRecordingQuery(RecordingQuery delegate, String adapter, String endpoint, CredentialsProvider credentials,
            CliEnvironment environment) {
        this.delegate = delegate;
        this.adapter = adapter;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.environment = environment;
    }

    @Override
    public RecordingTask describe(TaskRef task) {
        String who;
        try {
            Credentials current = credentials.resolve();
            who = "secretId=" + current.maskedSecretId() + " secretKey=<redacted>"
                    + (current.token().isPresent() ? " token=<redacted>" : "");
        } catch (RecordingQueryException e) {
            who = "no credentials";
        }
        print("> DescribeRecordInfo BizId=" + task.bizId() + " TaskId=" + task.taskId() + " via " + adapter + " "
                + endpoint + " (" + who + ")");
        long started = System.nanoTime();
        try {
            RecordingTask result = delegate.describe(task);
            print("< 200 RoomId=" + TerminalText.escape(result.roomId()) + " RecordMode=" + result.recordMode()
                    + " recordings=" + result.recordings().size() + " RequestId="
                    + TerminalText.escape(result.requestId()) + " in " + millis(started) + " ms");
            return result;
        } catch (RecordingQueryException e) {
            print("< error " + TerminalText.escape(e.code()) + " RequestId="
                    + TerminalText.escape(e.requestId().orElse("-")) + " retryable=" + e.isRetryable()
                    + " in " + millis(started) + " ms");
            throw e;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private void print(String line) {
        synchronized (environment.err) {
            environment.err.println(line);
            environment.err.flush();
        }
    }
}
