package io.gmerecording.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.credentials.internal.SendableCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP calls of the role sources (CVM metadata, STS): small answers, a hard bound on the whole exchange (name
 * lookup included, which the JDK client's own timeouts do not cover), and a failure to reach the host told apart
 * from an answer that makes no sense.
 */
final class RoleEndpoints {

    private static final int MAX_ANSWER_BYTES = 64 * 1024;

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

    /**
     * The answer's status and body. The body is read only up to 64 KiB: a longer one is refused as soon as the cap is
     * passed, without reading the rest.
     */
    HttpResponse<String> send(HttpRequest.Builder request) throws Unreachable {
        HttpRequest built = request.timeout(bound).build();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(built, info -> new CappedBody());
        try {
            return exchange.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new Unreachable("no answer within " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CappedBody.TooLarge) {
                throw ErrorCodes.credentialsMalformed(built.uri() + " answered more than 64 KiB");
            }
            if (e.getCause() instanceof HttpTimeoutException) {
                // the request's own timeout, the same bound, may fire before the wait above does
                throw new Unreachable("no answer within " + bound.toMillis() + " ms");
            }
            throw new Unreachable(e.getCause() == null ? "failed" : e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw ErrorCodes.interrupted("interrupted while asking for role credentials", e);
        }
    }

    /** A UTF-8 body of at most {@link #MAX_ANSWER_BYTES}; past that it stops reading and fails with TooLarge. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String> {
        static final class TooLarge extends Exception {
            private static final long serialVersionUID = 1L;

            TooLarge() {
                super(null, null, false, false);
            }
        }

        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (received.size() + buffer.remaining() > MAX_ANSWER_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                received.write(bytes, 0, bytes.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(new String(received.toByteArray(), StandardCharsets.UTF_8));
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
        return SendableCredentials.checked(value.asText(), field, source);
    }

    static long epochSeconds(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() <= 0) {
            throw ErrorCodes.credentialsMalformed(source + ": " + field + " is not a time in epoch seconds");
        }
        return value.asLong();
    }

    /**
     * The endpoint a variable gives, checked before any request: anything but an http(s) URL with a host is refused
     * naming the variable and an example, its user info hidden.
     */
    static void checkUrl(String url, String variable, String example) {
        if (!isHttpUrl(url)) {
            throw ErrorCodes.credentialsMalformed(variable + " must be an http:// or https:// URL such as " + example
                    + ", got '" + SendableCredentials.checked(withoutUserInfo(url), variable, "the environment") + "'");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * The URL with whatever stands between its scheme and its last {@code @} replaced, also when the {@code //} was
     * forgotten: a password never reaches a message.
     */
    static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int slashes = url.indexOf("//");
        int colon = url.indexOf(':');
        int start = slashes >= 0 && slashes < at ? slashes + 2 : colon >= 0 && colon < at ? colon + 1 : 0;
        return url.substring(0, start) + "***" + url.substring(at);
    }
}
