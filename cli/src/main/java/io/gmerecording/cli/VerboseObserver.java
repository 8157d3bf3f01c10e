package io.gmerecording.cli;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingObserver;
import java.time.Duration;

/**
 * {@code --verbose}: a summary of every request, answer, retry and refused permit on stderr, from the policies'
 * observer events; never the SecretKey, token or signature.
 */
final class VerboseObserver implements RecordingObserver {

    private final String endpoint;
    private final CredentialsProvider credentials;
    private final CliEnvironment environment;

    VerboseObserver(String endpoint, CredentialsProvider credentials, CliEnvironment environment) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.environment = environment;
    }

    @Override
    public Attempt attemptStarted(String adapter, TaskRef task, int attempt) {
        String who;
        try {
            Credentials current = credentials.resolve();
            who = "secretId=" + current.maskedSecretId() + " secretKey=<redacted>"
                    + (current.token().isPresent() ? " token=<redacted>" : "");
        } catch (RecordingQueryException e) {
            who = "no credentials";
        }
        print("> DescribeRecordInfo BizId=" + task.bizId() + " TaskId=" + task.taskId() + " via " + adapter + " "
                + endpoint + " (" + who + ")" + (attempt > 1 ? " attempt " + attempt : ""));
        return new Attempt() {
            @Override
            public void succeeded(RecordingTask answer, Duration latency) {
                print("< 200 RoomId=" + TerminalText.escape(answer.roomId()) + " RecordMode=" + answer.recordMode()
                        + " recordings=" + answer.recordings().size() + " RequestId="
                        + TerminalText.escape(answer.requestId()) + " in " + latency.toMillis() + " ms");
            }

            @Override
            public void failed(RecordingQueryException error, Duration latency) {
                print("< error " + TerminalText.escape(error.code()) + " RequestId="
                        + TerminalText.escape(error.requestId().orElse("-")) + " retryable=" + error.isRetryable()
                        + " in " + latency.toMillis() + " ms");
            }
        };
    }

    @Override
    public void retryScheduled(TaskRef task, int nextAttempt, Duration backoff, RecordingQueryException cause) {
        print("  retrying TaskId=" + task.taskId() + " (attempt " + nextAttempt + ") in " + backoff.toMillis()
                + " ms after " + TerminalText.escape(cause.code()));
    }

    @Override
    public void rateLimitWaited(Duration waited, RecordingQueryException refusal) {
        if (refusal != null) {
            print("  no permit after " + waited.toMillis() + " ms: " + TerminalText.escape(refusal.code()));
        }
    }

    private void print(String line) {
        synchronized (environment.err) {
            environment.err.println(line);
            environment.err.flush();
        }
    }
}
