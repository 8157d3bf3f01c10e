package example;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.TaskNotFoundException;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.credentials.CredentialsChain;
import io.gmerecording.http.HttpTransport;
import java.time.Duration;

/** One client per application: built at start-up, shared by every thread, closed at shutdown. */
public final class RecordingStatus {

    public static void main(String[] args) {
        try (GmeRecording gme = GmeRecording.builder()
                .transport(HttpTransport.builder()
                        .credentialsProvider(CredentialsChain.standard()) // the default; or .credentials(Credentials.of(id, key))
                        .requestTimeout(Duration.ofSeconds(10))           // https://gme.tencentcloudapi.com by default
                        .build())
                .retry(RetryPolicy.builder().maxAttempts(3).build())
                .maxRequestsPerSecond(20)                                 // each action's budget: the API's limit
                .build()) {
            RecordingTask task = gme.query().describe(TaskRef.of(3400352518L, 446192236330927912L));
            for (Recording recording : task.recordings()) {
                System.out.println(recording.fileName() + " " + recording.status());
            }
        } catch (TaskNotFoundException e) {
            System.err.println("no such task: " + e.getMessage());
        } catch (RecordingQueryException e) {
            System.err.println("failed: " + e.code() + (e.isRetryable() ? " (worth trying again later)" : ""));
        }
    }
}
