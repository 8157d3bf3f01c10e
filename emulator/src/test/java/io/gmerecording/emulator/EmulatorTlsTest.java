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
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.TransportException;
import io.gmerecording.credentials.internal.TrustedCertificate;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
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
        try (Transport http = HttpTransport.builder().endpoint(emulator.endpoint()).credentials(DEMO)
                    .trustCertificate(certificate).build();
                Transport sdk = SdkTransport.builder().endpoint(emulator.endpoint()).credentials(DEMO)
                        .trustCertificate(certificate).build();
                Transport untrusting = HttpTransport.builder().endpoint(emulator.endpoint())
                        .credentials(DEMO).build();
                Transport untrustingSdk = SdkTransport.builder().endpoint(emulator.endpoint())
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
    void aKeystoreThatCannotBeUsedIsNamedWithWhatIsWrongAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "k", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-storetype", "PKCS12",
                "-keystore", good.toString(), "-storepass", "right-one", "-keypass", "right-one")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(keytool.waitFor()).isZero();
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "this is no keystore");
        long certificateDirsBefore = certificateDirs();

        assertThatThrownBy(() -> GmeEmulator.builder().tls(good, "wrong").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot use the keystore " + good + ": the password is wrong");
        assertThatThrownBy(() -> GmeEmulator.builder().tls(dir.resolve("missing.p12"), "x").build())
                .hasMessage("cannot use the keystore " + dir.resolve("missing.p12") + ": it does not exist");
        assertThatThrownBy(() -> GmeEmulator.builder().tls(garbage, "x").build())
                .hasMessageStartingWith("cannot use the keystore " + garbage + ": it is not a PKCS12 keystore");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> GmeEmulator.builder().port(taken.getLocalPort()).tls(good, "right-one").build())
                    .hasMessageContaining("cannot start the emulator on port " + taken.getLocalPort());
        }

        assertThat(certificateDirs()).as("no certificate directory is left by a failed start")
                .isEqualTo(certificateDirsBefore);
        try (GmeEmulator served = GmeEmulator.builder().tls(good, "right-one").build()) {
            assertThat(served.certificate().orElseThrow()).exists();
        }
    }

    private static long certificateDirs() throws java.io.IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("gme-emulator-tls")).count();
        }
    }

    @Test
    void aFileThatHoldsNoCertificateIsNamed(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> HttpTransport.builder().trustCertificate(junk).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> SdkTransport.builder().trustCertificate(dir.resolve("missing.pem")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
    }
}
