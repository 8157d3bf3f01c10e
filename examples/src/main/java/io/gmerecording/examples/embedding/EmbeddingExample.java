package io.gmerecording.examples.embedding;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.policy.RecordingQueries;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpRecordingQuery;
import io.gmerecording.credentials.CredentialsChain;

/**
 * The composition root of an application: pick an adapter, wrap it in the policies, hand the port to the code that
 * needs it. Run it with no arguments to try it against an in-process emulator; with {@code --real}, it uses
 * https://gme.tencentcloudapi.com and the standard credentials chain.
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    /**
     * Production wiring: HTTPS, credentials from the environment or the usual files, retries and the rate limit.
     * Closing the query closes the adapter inside (its HTTP client and threads): the application does it at shutdown.
     */
    public static RecordingQuery productionQuery() {
        return RecordingQueries.resilient(HttpRecordingQuery.builder()
                        .credentialsProvider(CredentialsChain.standard())
                        .build())
                .maxAttempts(3)
                .maxRequestsPerSecond(20)
                .build();
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--real")) {
            try (RecordingQuery query = productionQuery()) {
                report(new FinishedRecordings(query), Long.parseLong(args[1]), Long.parseLong(args[2]));
            }
            return;
        }
        try (GmeEmulator emulator = GmeEmulator.startDemo();
                RecordingQuery query = RecordingQueries.resilient(HttpRecordingQuery.builder()
                        .endpoint(emulator.endpoint())
                        .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey()))
                        .build()).build()) {
            FinishedRecordings service = new FinishedRecordings(query);
            report(service, 3400352518L, 446192236330927912L);
            report(service, 3400352518L, 1L);
        }
    }

    private static void report(FinishedRecordings service, long bizId, long taskId) {
        FinishedRecordings.Answer answer = service.filesOf(bizId, taskId);
        System.out.println("task " + taskId + ": " + answer.outcome + " " + answer.files + " (" + answer.detail + ")");
    }
}
