package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Raw requests to an emulator, to see its answers byte for byte rather than through an adapter. */
final class SignedRequests {

    private SignedRequests() {
    }

    /** A request signed with the demo key over the real Host; the answer's body (always HTTP 200). */
    static String send(GmeEmulator emulator, String action, String version, String body, boolean sign)
            throws Exception {
        long now = Instant.now().getEpochSecond();
        String host = "127.0.0.1:" + emulator.port();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-TC-Action", action).header("X-TC-Version", version)
                .header("X-TC-Timestamp", Long.toString(now))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (sign) {
            request.header("Authorization", Tc3Signer.create().authorization(AcceptedKey.DEMO.secretId(),
                    AcceptedKey.DEMO.secretKey(), Tc3Request.builder().service("gme").timestamp(now)
                            .contentType("application/json; charset=utf-8").host(host).payload(bytes).build()));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** DescribeRecordInfo for one task, signed with the demo key. */
    static String describe(GmeEmulator emulator, long bizId, long taskId) throws Exception {
        return send(emulator, "DescribeRecordInfo", "2018-07-11", "{\"TaskId\":" + taskId + ",\"BizId\":" + bizId + "}",
                true);
    }
}
