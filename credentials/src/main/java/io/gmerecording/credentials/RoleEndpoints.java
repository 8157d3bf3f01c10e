package io.gmerecording.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.gmerecording.core.error.ErrorCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP calls of the role sources (CVM metadata, STS): small answers, a hard bound on the whole exchange (name
 * lookup included, which the JDK client's own timeouts do not cover), and a failure to reach the host told apart
 * from an answer that makes no sense.
 */
final class RoleEndpoints {

    private static final int MAX_ANSWER_CHARS = 64 * 1024;

    /** The host did not answer within the bound: off Tencent Cloud, or the service is down. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient client;
    private final Duration bound;

    RoleEndpoints(Duration bound) {
        this.bound = bound;
        this.client = HttpClient.newBuilder().connectTimeout(bound).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The answer's status and body (at most 64 KiB of it). */
    HttpResponse<String> send(HttpRequest.Builder request) throws Unreachable {
        try {
            HttpResponse<String> response = client.sendAsync(request.timeout(bound).build(),
                    HttpResponse.BodyHandlers.ofString()).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (response.body().length() > MAX_ANSWER_CHARS) {
                throw ErrorCodes.credentialsMalformed(request.build().uri() + " answered more than 64 KiB");
            }
            return response;
        } catch (TimeoutException e) {
            throw new Unreachable("no answer within " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new Unreachable(e.getCause() == null ? "failed" : e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCodes.interrupted("interrupted while asking for role credentials", e);
        }
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }

    static JsonNode json(String body, String what) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw ErrorCodes.credentialsMalformed(what + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            // Jackson's message quotes the input, which may hold a secret: name the place only
            throw ErrorCodes.credentialsMalformed(what + " is not valid JSON");
        }
    }

    /** A required text field, checked like every credential value. */
    static String text(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().trim().isEmpty()) {
            throw ErrorCodes.credentialsMalformed(source + ": " + field + " is missing");
        }
        return CredentialFiles.checked(value.asText(), field, source);
    }

    static long epochSeconds(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() <= 0) {
            throw ErrorCodes.credentialsMalformed(source + ": " + field + " is not a time in epoch seconds");
        }
        return value.asLong();
    }
}
