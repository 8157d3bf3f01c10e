package example;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.sdk.SdkTransport;

/** The same client over the official SDK, for services that already ship it. */
public final class SdkRecordingStatus {

    static GmeRecording create(String endpoint, Credentials credentials) {
        return GmeRecording.builder()
                .transport(SdkTransport.builder()
                        .endpoint(endpoint)          // https://gme.tencentcloudapi.com in production
                        .credentials(credentials)    // or .credentialsProvider(...), or the SDK hook .sdkCredential(credential)
                        .build())
                .build();
    }

    public static void main(String[] args) {
        Credentials credentials = Credentials.of(System.getenv("TENCENTCLOUD_SECRET_ID"),
                System.getenv("TENCENTCLOUD_SECRET_KEY"));
        try (GmeRecording gme = create("https://gme.tencentcloudapi.com", credentials)) {
            RecordingTask task = gme.query().describe(TaskRef.of(3400352518L, 446192236330927912L));
            System.out.println(task.roomId() + ": " + task.recordings());
        }
    }
}
