package io.gmerecording.examples.embedding;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.credentials.CredentialsChain;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;

/**
 * The composition root of an application: build the client once, hand its port to the code that needs it, close it
 * at shutdown. Run it with no arguments to try it against an in-process emulator; with {@code --real}, it uses
 * https://gme.tencentcloudapi.com and the standard credentials chain.
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    /**
     * Production wiring: HTTPS, credentials from the environment or the usual files, three attempts, 20 requests per
     * second. Closing the client closes what it built (the transport's HTTP client and threads).
     */
    public static GmeRecording productionClient() {
        return GmeRecording.builder()
                .transport(HttpTransport.builder().credentialsProvider(CredentialsChain.standard()).build())
                .retry(RetryPolicy.builder().maxAttempts(3).build())
                .maxRequestsPerSecond(20)
                .build();
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--real")) {
            try (GmeRecording gme = productionClient()) {
                report(new FinishedRecordings(gme.query()), Long.parseLong(args[1]), Long.parseLong(args[2]));
            }
            return;
        }
        try (GmeEmulator emulator = GmeEmulator.startDemo();
                GmeRecording gme = GmeRecording.builder().transport(HttpTransport.builder()
                        .endpoint(emulator.endpoint())
                        .credentials(Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey()))
                        .build()).build()) {
            FinishedRecordings service = new FinishedRecordings(gme.query());
            report(service, 3400352518L, 446192236330927912L);
            report(service, 3400352518L, 1L);
        }
    }

    private static void report(FinishedRecordings service, long bizId, long taskId) {
        FinishedRecordings.Answer answer = service.filesOf(bizId, taskId);
        System.out.println("task " + taskId + ": " + answer.outcome + " " + answer.files + " (" + answer.detail + ")");
    }
}
