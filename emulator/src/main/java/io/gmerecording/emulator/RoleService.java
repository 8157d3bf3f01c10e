package io.gmerecording.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-ins for where role credentials come from, so the whole path runs offline: the CVM metadata service
 * ({@code GET /latest/meta-data/cam/security-credentials/[role]}) and STS {@code AssumeRoleWithWebIdentity} (unsigned,
 * {@code Authorization: SKIP}). Each issues fresh temporary keys with a token and the lifetime the builder set; the
 * emulator's GME endpoint accepts them, with their token, until they expire.
 */
final class RoleService {

    static final String ROLE = "gme-recording-emulator-role";
    /** The account every temporary key issued here belongs to, for the per-account rate window. */
    static final String ACCOUNT = "the role's account";
    static final String METADATA_PATH = "/latest/meta-data/cam/security-credentials/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, AcceptedKey> issued = new ConcurrentHashMap<>();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    RoleService(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A temporary key this service issued and that has not expired, or null. */
    AcceptedKey valid(String secretId, Instant now) {
        Instant expiry = expiries.get(secretId);
        return expiry != null && now.isBefore(expiry) ? issued.get(secretId) : null;
    }

    /** Whether the SecretId is one of ours, valid or not. */
    boolean issuedHere(String secretId) {
        return issued.containsKey(secretId);
    }

    void metadata(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "GET only");
        } else if (path.equals(METADATA_PATH)) {
            send(exchange, 200, "text/plain", ROLE);
        } else if (path.equals(METADATA_PATH + ROLE)) {
            AcceptedKey key = issue();
            ObjectNode answer = JSON.createObjectNode()
                    .put("TmpSecretId", key.secretId())
                    .put("TmpSecretKey", key.secretKey())
                    .put("Token", key.token())
                    .put("ExpiredTime", expiries.get(key.secretId()).getEpochSecond())
                    .put("Expiration", expiries.get(key.secretId()).toString())
                    .put("Code", "Success");
            send(exchange, 200, "application/json", answer.toString());
        } else {
            send(exchange, 404, "text/plain", "not found");
        }
    }

    /** {@code AssumeRoleWithWebIdentity}: checks the unsigned form and the body's fields, then issues a key. */
    void assumeRole(HttpExchange exchange) throws IOException {
        ObjectNode response = JSON.createObjectNode();
        String problem = null;
        if (!"SKIP".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            problem = "AuthFailure.InvalidAuthorization";
        } else if (!"2018-08-13".equals(exchange.getRequestHeaders().getFirst("X-TC-Version"))) {
            problem = "NoSuchVersion";
        } else {
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in.readNBytes(64 * 1024));
            } catch (IOException e) {
                body = null;
            }
            for (String field : new String[] {"ProviderId", "WebIdentityToken", "RoleArn", "RoleSessionName"}) {
                if (problem == null && (body == null || !body.path(field).isTextual()
                        || body.path(field).asText().isEmpty())) {
                    problem = "MissingParameter";
                }
            }
        }
        if (problem != null) {
            response.putObject("Error").put("Code", problem).put("Message", "The web identity request is invalid.");
        } else {
            AcceptedKey key = issue();
            response.putObject("Credentials").put("Token", key.token()).put("TmpSecretId", key.secretId())
                    .put("TmpSecretKey", key.secretKey());
            response.put("ExpiredTime", expiries.get(key.secretId()).getEpochSecond())
                    .put("Expiration", expiries.get(key.secretId()).toString());
        }
        response.put("RequestId", UUID.randomUUID().toString());
        send(exchange, 200, "application/json", JSON.createObjectNode().set("Response", response).toString());
    }

    private AcceptedKey issue() {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        StringBuilder hex = new StringBuilder();
        for (byte b : secret) {
            hex.append(String.format("%02x", b));
        }
        AcceptedKey key = AcceptedKey.withToken("AKIDtmpEmulator" + serial.incrementAndGet(), hex.toString(),
                "emulator-token-" + UUID.randomUUID());
        issued.put(key.secretId(), key);
        expiries.put(key.secretId(), clock.instant().plus(lifetime));
        return key;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
