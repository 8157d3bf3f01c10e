package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;

/**
 * Whatever headers and body arrive, the emulator's signature check and body parsing accept them or reject them with
 * an API error code (a Rejection), never anything else, so every request gets an answer. Stored inputs run in
 * {@code mvn verify}.
 */
class EmulatorRequestFuzzTest {

    private static final SignatureCheck CHECK =
            new SignatureCheck(Collections.singletonMap(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO),
                    new RoleService(java.time.Clock.systemUTC(), java.time.Duration.ofHours(2)));
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @FuzzTest(maxDuration = "60s")
    void anyRequestIsAcceptedOrRejectedWithAnApiErrorCode(FuzzedDataProvider data) {
        Headers headers = new Headers();
        String authorization = headerValue(data, 300);
        headers.add("Authorization", data.consumeBoolean()
                ? "TC3-HMAC-SHA256 Credential=" + AcceptedKey.DEMO.secretId() + "/2026-11-25/gme/tc3_request, "
                        + "SignedHeaders=content-type;host, Signature=" + authorization
                : authorization);
        headers.add("X-TC-Timestamp", data.consumeBoolean() ? Long.toString(data.consumeLong())
                : headerValue(data, 30));
        headers.add("Host", headerValue(data, 60));
        headers.add("Content-Type", headerValue(data, 60));
        if (data.consumeBoolean()) {
            headers.add("X-TC-Token", headerValue(data, 60));
        }
        byte[] body = data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8);
        try {
            SignatureCheck.Scope scope = CHECK.verifyHeaders(headers, NOW);
            CHECK.verifyBody(scope, "POST", headers, body);
        } catch (Rejection rejected) {
            assertThat(rejected.code()).isNotEmpty();
        }
        try {
            GmeEmulator.id(GmeEmulator.parseBody(body), "TaskId");
        } catch (Rejection rejected) {
            assertThat(rejected.code()).isNotEmpty();
        }
    }

    /** A header value as the HTTP server hands it over: one line, so no CR or LF (its parser splits lines there). */
    private static String headerValue(FuzzedDataProvider data, int maxLength) {
        return data.consumeString(maxLength).replace('\r', ' ').replace('\n', ' ');
    }
}
