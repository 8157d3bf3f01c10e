package io.gmerecording.cli;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.RecordingTask;
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
    public Attempt attemptStarted(Request request) {
        String who;
        try {
            Credentials current = credentials.resolve();
            who = "secretId=" + current.maskedSecretId() + " secretKey=<redacted>"
                    + (current.token().isPresent() ? " token=<redacted>" : "");
        } catch (RecordingQueryException e) {
            who = "no credentials";
        }
        String about = request.task().map(task -> " TaskId=" + task.taskId()).orElse("")
                + request.room().map(room -> " RoomId=" + TerminalText.escape(room.roomId().value())).orElse("");
        print("> " + request.action().apiName() + " BizId=" + request.bizId() + about + " via " + request.adapter()
                + " " + endpoint + " (" + who + ")" + (request.attempt() > 1 ? " attempt " + request.attempt() : ""));
        return new Attempt() {
            @Override
            public void succeeded(String requestId, Object answer, Duration latency) {
                String summary = answer instanceof RecordingTask ? "RoomId="
                        + TerminalText.escape(((RecordingTask) answer).roomId()) + " RecordMode="
                        + ((RecordingTask) answer).recordMode() + " recordings="
                        + ((RecordingTask) answer).recordings().size() + " " : "";
                print("< 200 " + summary + "RequestId=" + TerminalText.escape(requestId) + " in "
                        + latency.toMillis() + " ms");
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
    public void retryScheduled(Request next, Duration backoff, RecordingQueryException cause) {
        String about = next.task().map(task -> "TaskId=" + task.taskId())
                .orElseGet(() -> "RoomId=" + next.room().map(room -> TerminalText.escape(room.roomId().value()))
                        .orElse("-"));
        print("  retrying " + about + " (attempt " + next.attempt() + ") in " + backoff.toMillis()
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
