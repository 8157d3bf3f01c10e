package io.gmerecording.tc3;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import com.tencentcloudapi.gme.v20180711.models.DescribeRecordInfoRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDK signs 100 generated requests against a loopback server that records what it sent; our signer,
 * given the same credentials, Host, Content-Type, body and timestamp, must produce the identical Authorization.
 */
class Tc3SignerMatchesOfficialSdkTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private HttpServer server;
    private final List<Captured> captured = new ArrayList<>();

    private static final class Captured {
        String authorization;
        String timestamp;
        String host;
        String contentType;
        byte[] body;
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Captured request = new Captured();
            request.authorization = exchange.getRequestHeaders().getFirst("Authorization");
            request.timestamp = exchange.getRequestHeaders().getFirst("X-TC-Timestamp");
            request.host = exchange.getRequestHeaders().getFirst("Host");
            request.contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            try (InputStream in = exchange.getRequestBody()) {
                request.body = in.readAllBytes();
            }
            synchronized (captured) {
                captured.add(request);
            }
            byte[] answer = "{\"Response\":{\"RoomId\":\"1\",\"RecordMode\":1,\"RequestId\":\"r\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void ourAuthorizationEqualsTheSdksForOneHundredGeneratedInputs() throws Exception {
        Random random = new Random(20180711L);
        Tc3Signer signer = Tc3Signer.create();
        for (int i = 0; i < 100; i++) {
            String secretId = "AKID" + text(random, 8 + random.nextInt(28));
            String secretKey = text(random, 16 + random.nextInt(24));
            long taskId = 1 + (random.nextLong() >>> 1) % Long.MAX_VALUE;
            long bizId = 1 + random.nextInt(Integer.MAX_VALUE);
            HttpProfile http = new HttpProfile();
            http.setEndpoint("127.0.0.1:" + server.getAddress().getPort());
            http.setProtocol(HttpProfile.REQ_HTTP);
            GmeClient client = new GmeClient(new Credential(secretId, secretKey), "", new ClientProfile(
                    ClientProfile.SIGN_TC3_256, http));
            DescribeRecordInfoRequest request = new DescribeRecordInfoRequest();
            request.setTaskId(taskId);
            request.setBizId(bizId);

            client.DescribeRecordInfo(request);

            Captured sent = captured.get(captured.size() - 1);
            // the SDK takes the scope's service from the endpoint's first DNS label: "127" here
            Tc3Request ours = Tc3Request.builder()
                    .service("127")
                    .timestamp(Long.parseLong(sent.timestamp))
                    .contentType(sent.contentType)
                    .host(sent.host)
                    .payload(sent.body)
                    .build();
            assertThat(signer.authorization(secretId, secretKey, ours))
                    .as("input %d: id=%s taskId=%d bizId=%d", i, secretId, taskId, bizId)
                    .isEqualTo(sent.authorization);
        }
        assertThat(captured).hasSize(100);
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
