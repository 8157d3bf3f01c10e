package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoRequest;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoResponse;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.TransportException;
import io.gmerecording.credentials.TrustedCertificate;
import io.gmerecording.http.HttpRecordingQuery;
import io.gmerecording.sdk.SdkRecordingQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator over https with a certificate made at start, which both adapters and the SDK trust when told to. */
class EmulatorTlsTest {

    private static final TaskRef SEED = TaskRef.of(3400352518L, 446192236330927912L);
    private static final Credentials DEMO = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());
    private static GmeEmulator emulator;
    private static Path certificate;

    @BeforeAll
    static void start() {
        emulator = GmeEmulator.builder().tls().build();
        certificate = emulator.certificate().orElseThrow();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        assertThat(certificate).as("the certificate made for this emulator is removed with it").doesNotExist();
    }

    @Test
    void servesHttpsAndWritesItsCertificateAsPem() throws Exception {
        assertThat(emulator.endpoint()).startsWith("https://127.0.0.1:");
        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void bothAdaptersAnswerWhenTrustingTheCertificateAndRefuseWithout() {
        try (RecordingQuery http = HttpRecordingQuery.builder().endpoint(emulator.endpoint()).credentials(DEMO)
                    .trustCertificate(certificate).build();
                RecordingQuery sdk = SdkRecordingQuery.builder().endpoint(emulator.endpoint()).credentials(DEMO)
                        .trustCertificate(certificate).build();
                RecordingQuery untrusting = HttpRecordingQuery.builder().endpoint(emulator.endpoint())
                        .credentials(DEMO).build();
                RecordingQuery untrustingSdk = SdkRecordingQuery.builder().endpoint(emulator.endpoint())
                        .credentials(DEMO).build()) {
            assertThat(http.describe(SEED).roomId()).isEqualTo("7743");
            assertThat(sdk.describe(SEED).recordings()).isEqualTo(http.describe(SEED).recordings());
            assertThatThrownBy(() -> untrusting.describe(SEED)).isInstanceOf(TransportException.class);
            assertThatThrownBy(() -> untrustingSdk.describe(SEED)).isInstanceOf(TransportException.class);
        }
    }

    @Test
    void theOfficialSdksOwnClientAnswersThroughItsHttpProfile() throws TencentCloudSDKException {
        TrustedCertificate trusted = TrustedCertificate.load(certificate);
        HttpProfile http = new HttpProfile();
        http.setEndpoint(emulator.endpoint().substring("https://".length()));
        http.setSslSocketFactory(trusted.sslContext().getSocketFactory());
        http.setX509TrustManager(trusted.trustManager());
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        GmeClient client = new GmeClient(new Credential(DEMO.secretId(), DEMO.secretKey()), "", profile);
        DescribeRecordInfoRequest request = new DescribeRecordInfoRequest();
        request.setBizId(SEED.bizId());
        request.setTaskId(SEED.taskId());
        DescribeRecordInfoResponse response = client.DescribeRecordInfo(request);
        assertThat(response.getRoomId()).isEqualTo("7743");
    }

    @Test
    void aFileThatHoldsNoCertificateIsNamed(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> HttpRecordingQuery.builder().trustCertificate(junk))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> SdkRecordingQuery.builder().trustCertificate(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
    }
}
