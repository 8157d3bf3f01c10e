package io.gmerecording.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.error.TransportException;
import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportWireTest {

    private static final String SECRET_KEY = "wire-test-secret-key-0123456789";
    private static final String TOKEN = "wire-test-session-token";
    private static final Credentials CREDENTIALS = Credentials.of("AKIDwiretest0001", SECRET_KEY, TOKEN);
    private static final TaskRef TASK = TaskRef.of(3400352518L, 9007199254740993L);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final String SEED = "{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":1,\"RecordInfo\":[{"
            + "\"RecordStatus\":2,\"RecordBeginTime\":1234567868,\"UserId\":\"6787\",\"FileName\":\"/f\"}],"
            + "\"RequestId\":\"req-wire\"}}";

    private WireMockServer wireMock;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    private HttpTransport.Builder builderFor(int port) {
        return HttpTransport.builder().endpoint("http://127.0.0.1:" + port).credentials(CREDENTIALS).clock(CLOCK);
    }

    @Test
    void sendsExactlyTheseBytesAndASignatureThatVerifies() throws Exception {
        RawCaptureServer sent = RawCaptureServer.capture(SEED, port ->
                builderFor(port).region("ap-guangzhou").language("en-US").build().describe(TASK));

        String host = "127.0.0.1:" + sent.headers.get("host").split(":")[1];
        assertThat(sent.requestLine).isEqualTo("POST / HTTP/1.1");
        assertThat(new String(sent.body, StandardCharsets.UTF_8))
                .isEqualTo("{\"TaskId\":9007199254740993,\"BizId\":3400352518}");
        assertThat(sent.headers).containsEntry("content-type", "application/json; charset=utf-8")
                .containsEntry("x-tc-action", "DescribeRecordInfo")
                .containsEntry("x-tc-version", "2018-07-11")
                .containsEntry("x-tc-timestamp", "1795514400")
                .containsEntry("x-tc-region", "ap-guangzhou")
                .containsEntry("x-tc-language", "en-US")
                .containsEntry("x-tc-token", TOKEN)
                .containsEntry("x-tc-requestclient", "gme-recording_" + ClientVersion.VERSION)
                .containsEntry("host", host)
                .containsEntry("content-length", String.valueOf(sent.body.length));
        assertThat(sent.headers.keySet()).containsOnly("content-type", "x-tc-action", "x-tc-version",
                "x-tc-timestamp", "x-tc-region", "x-tc-language", "x-tc-token", "x-tc-requestclient", "host",
                "content-length", "authorization", "user-agent");
        assertThat(ClientVersion.VERSION).matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
        assertThat(sent.headers.get("x-tc-requestclient")).matches("[0-9a-zA-Z\\-_,;.]{1,128}");
        String expected = Tc3Signer.create().authorization("AKIDwiretest0001", SECRET_KEY, Tc3Request.builder()
                .service("gme").timestamp(1795514400L).contentType("application/json; charset=utf-8").host(host)
                .payload(sent.body).build());
        assertThat(sent.headers.get("authorization")).isEqualTo(expected)
                .startsWith("TC3-HMAC-SHA256 Credential=AKIDwiretest0001/2026-11-24/gme/tc3_request, "
                        + "SignedHeaders=content-type;host, Signature=");
    }

    @Test
    void wireMockSeesTheSameRequestAndItsAuthorizationReverifies() {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(SEED)));

        RecordingTask task = builderFor(wireMock.port()).build().describe(TASK);

        assertThat(task.requestId()).isEqualTo("req-wire");
        List<LoggedRequest> requests = wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/");
        assertThat(request.getBody()).isEqualTo("{\"TaskId\":9007199254740993,\"BizId\":3400352518}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeader("X-TC-Token")).isEqualTo(TOKEN);
        assertThat(request.getHeader("X-TC-Region")).isNull();
        assertThat(request.getHeader("X-TC-Language")).isNull();
        String recomputed = Tc3Signer.create().authorization("AKIDwiretest0001", SECRET_KEY, Tc3Request.builder()
                .service("gme").timestamp(Long.parseLong(request.getHeader("X-TC-Timestamp")))
                .contentType("application/json; charset=utf-8").host(request.getHeader("Host"))
                .payload(request.getBody()).build());
        assertThat(request.getHeader("Authorization")).isEqualTo(recomputed);
    }

    @Test
    void aBodyDeclaredLargerThanTheCapIsRefusedUnread() {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(new byte[4096])
                .withHeader("Content-Length", "4096")));

        TransportException error = catchThrowableOfType(TransportException.class,
                () -> builderFor(wireMock.port()).maxResponseBytes(1024).build().describe(TASK));

        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_RESPONSE_TOO_LARGE);
        assertThat(error.getMessage()).contains("4096 bytes declared").contains("1024");
        assertThat(error.isRetryable()).isFalse();
    }

    @Test
    void aChunkedBodyLargerThanTheCapIsCutOff() {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(new byte[8192])
                .withHeader("Transfer-Encoding", "chunked")));

        TransportException error = catchThrowableOfType(TransportException.class,
                () -> builderFor(wireMock.port()).maxResponseBytes(1024).build().describe(TASK));

        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_RESPONSE_TOO_LARGE);
        assertThat(error.getMessage()).contains("more than 1024 bytes");
    }

    @Test
    void aBodyThatStallsAfterTheHeadersIsATimeout() {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(SEED).withChunkedDribbleDelay(5, 3000)));

        TransportException error = catchThrowableOfType(TransportException.class,
                () -> builderFor(wireMock.port()).requestTimeout(java.time.Duration.ofMillis(400)).build().describe(TASK));

        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_TIMEOUT);
        assertThat(error.getMessage()).contains("400 ms");
    }

    @Test
    void aNon200CarriesTheStatusAndASanitizedExcerpt() {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(503)
                .withBody("<html>\r\n\t<h1>Service\u0007 Unavailable</h1>\n" + "x".repeat(500) + "</html>")));

        TransportException error = catchThrowableOfType(TransportException.class,
                () -> builderFor(wireMock.port()).build().describe(TASK));

        assertThat(error.code()).isEqualTo(ErrorCodes.TRANSPORT_HTTP_STATUS);
        assertThat(error.httpStatus()).hasValue(503);
        assertThat(error.getMessage()).contains("HTTP 503").contains("<html> <h1>Service Unavailable</h1>")
                .doesNotContain("\n").doesNotContain("\u0007").endsWith("...");
        assertThat(error.getMessage().length()).isLessThan(320);
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefusedWithoutTheOptIn() {
        assertThatThrownBy(() -> HttpTransport.builder().endpoint("http://gme.tencentcloudapi.com")
                .credentials(CREDENTIALS).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://").hasMessageContaining("gme.tencentcloudapi.com")
                .hasMessageContaining("allowInsecureHttp");
        assertThat(HttpTransport.builder().endpoint("http://gme.tencentcloudapi.com").allowInsecureHttp(true)
                .credentials(CREDENTIALS).build()).isNotNull();
        assertThat(HttpTransport.builder().endpoint("http://localhost:8080").credentials(CREDENTIALS).build())
                .isNotNull();
        assertThat(HttpTransport.builder().endpoint("http://[::1]:8080").credentials(CREDENTIALS).build())
                .isNotNull();
    }

    @Test
    void badSettingsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> HttpTransport.builder().endpoint("ftp://x").build())
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> HttpTransport.builder().endpoint("https://gme.tencentcloudapi.com/v3?x=1")
                .build()).hasMessageContaining("no path");
        assertThatThrownBy(() -> HttpTransport.builder().language("fr-FR")).hasMessageContaining("fr-FR");
        assertThatThrownBy(() -> HttpTransport.builder().maxResponseBytes(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> HttpTransport.builder().requestTimeout(java.time.Duration.ZERO))
                .hasMessageContaining("requestTimeout");
    }

    @Test
    void missingCredentialsFailBeforeAnythingIsSent() {
        HttpTransport query = HttpTransport.builder().endpoint("http://127.0.0.1:" + wireMock.port())
                .credentialsProvider(io.gmerecording.credentials.CredentialsChain.standard(
                        java.util.Collections.singletonMap("GME_RECORDING_METADATA_ENDPOINT", "http://127.0.0.1:9"),
                        java.nio.file.Paths.get("/nonexistent-home")))
                .build();

        assertThatThrownBy(() -> query.describe(TASK)).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("TENCENTCLOUD_SECRET_ID");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void secretsNeverReachLogsMessagesOrToString() {
        Logger logger = Logger.getLogger(HttpTransport.class.getName());
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try {
            wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(SEED)));
            HttpTransport query = builderFor(wireMock.port()).build();
            query.describe(TASK);
            wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(
                    "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"bad\"},"
                            + "\"RequestId\":\"req-auth\"}}")));
            RecordingQueryException error = catchThrowableOfType(RecordingQueryException.class, () -> query.describe(TASK));
            String signature = wireMock.getAllServeEvents().get(0).getRequest().getHeader("Authorization")
                    .replaceAll(".*Signature=", "");

            assertThat(lines).isNotEmpty();
            assertThat(String.join("\n", lines)).contains("DescribeRecordInfo").contains("req-wire")
                    .contains("status=200");
            for (String text : new String[] {String.join("\n", lines), error.getMessage(), query.toString(),
                    CREDENTIALS.toString()}) {
                assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(TOKEN).doesNotContain(signature);
            }
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
    }
}
