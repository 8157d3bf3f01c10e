package io.gmerecording.cli;

import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.TransportBuilder;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.policy.RetryPolicy;
import io.gmerecording.credentials.CredentialsChain;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How to reach GME: adapter, endpoint, region, timeout, retries, rate (local or shared), verbosity. Shared by describe
 * and watch.
 */
final class QueryOptions {

    enum Adapter { http, sdk }

    @Option(names = "--adapter", defaultValue = "http", description = "Transport: http (default) or sdk (the official SDK).")
    Adapter adapter;

    @Option(names = "--endpoint", defaultValue = TransportBuilder.DEFAULT_ENDPOINT,
            description = "https://host[:port]; http:// only for loopback. Default: ${DEFAULT-VALUE}.")
    String endpoint;

    @Option(names = "--region", description = "Sent as X-TC-Region (not required by this action).")
    String region;

    /** Per-request timeout; {@code describe} sets it from {@code --timeout}, {@code watch} keeps the default. */
    double timeoutSeconds = 10;

    @Option(names = "--max-attempts", defaultValue = "3", paramLabel = "N",
            description = "Attempts per task, retries of retryable errors included. Default: ${DEFAULT-VALUE}.")
    int maxAttempts;

    @Option(names = "--max-rps", defaultValue = "20", paramLabel = "N",
            description = "Client-side limit in requests per second (the API allows 20). Default: ${DEFAULT-VALUE}.")
    double maxRps;

    @Option(names = "--trust-cert", paramLabel = "FILE",
            description = "Trust this server certificate (PEM or DER), e.g. the one `emulator --tls` prints; "
                    + "verification stays on.")
    Path trustCert;

    @Option(names = "--verbose", description = "Request and response summaries on stderr (secrets redacted).")
    boolean verbose;

    @Option(names = "--shared-limit", paramLabel = "redis://HOST:PORT[/DB]",
            description = "Share the --max-rps budget with every process that uses this Redis and the same quota key.")
    String sharedLimit;

    @Option(names = "--quota-key", paramLabel = "KEY",
            description = "The name of the shared budget. Default: the credentials' (the SecretId of a long-term key, "
                    + "cvm-role:NAME or tke-role:ARN for a role; never a temporary SecretId).")
    String quotaKey;

    @Option(names = "--max-wait", defaultValue = "60", paramLabel = "SECONDS",
            description = "The longest a request waits for its place in the budget (local or shared, Redis retries "
                    + "included) before it fails. Default: ${DEFAULT-VALUE}.")
    double maxWaitSeconds;

    @Option(names = "--redis-timeout", defaultValue = "1", paramLabel = "SECONDS",
            description = "How long one Redis command may take before it is tried again. Default: ${DEFAULT-VALUE}.")
    double redisTimeoutSeconds;

    @Option(names = "--shared-limit-fallback", paramLabel = "REPLICAS",
            description = "While that Redis is unreachable, send at most --max-rps / REPLICAS requests per second "
                    + "instead of failing closed.")
    Integer fallbackReplicas;

    /**
     * The client every command talks to GME through: closing it closes the transport and the shared limit.
     *
     * @throws IllegalArgumentException naming the bad setting
     */
    GmeRecording open(CliEnvironment environment) {
        check();
        Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
        CredentialsProvider credentials = CredentialsChain.standard(environment.variables, environment.home);
        Duration maxWait = Duration.ofNanos((long) (maxWaitSeconds * 1e9));
        String quota;
        try {
            // no credentials is a configuration error, found before any request
            quota = quotaKey != null ? quotaKey : credentials.quotaKey();
            credentials.resolve();
        } catch (CredentialsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        TransportBuilder<?, ?> transport = adapter == Adapter.sdk ? SdkTransport.builder() : HttpTransport.builder();
        if (trustCert != null) {
            transport.trustCertificate(trustCert);
        }
        GmeRecording.Builder client = GmeRecording.builder().transport(transport.endpoint(endpoint).region(region)
                .credentialsProvider(credentials).connectTimeout(timeout).requestTimeout(timeout).build())
                .retry(RetryPolicy.builder().maxAttempts(maxAttempts).build())
                .maxRequestsPerSecond(maxRps).maxRateLimitWait(maxWait).timeSource(environment.time);
        if (verbose) {
            client.observer(new VerboseObserver(endpoint, credentials, environment));
        }
        if (sharedLimit != null) {
            Duration redisTimeout = Duration.ofNanos((long) (redisTimeoutSeconds * 1e9));
            client.permits(SharedLimit.perAction(sharedLimit, quota, maxRps, fallbackReplicas, maxWait, redisTimeout));
        }
        return client.build();
    }

    /** @throws IllegalArgumentException naming the first option out of its range */
    private void check() {
        if (!(timeoutSeconds >= 0.001) || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("--timeout must be between 0.001 (1 ms) and 3600 seconds, got "
                    + timeoutSeconds);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("--max-attempts must be between 1 and 20, got " + maxAttempts);
        }
        if (!(maxRps > 0) || maxRps > 1000) {
            throw new IllegalArgumentException("--max-rps must be above 0 and at most 1000, got " + maxRps);
        }
        if (fallbackReplicas != null && (fallbackReplicas < 1 || fallbackReplicas > 10_000)) {
            throw new IllegalArgumentException("--shared-limit-fallback must be between 1 and 10000, got "
                    + fallbackReplicas);
        }
        if (fallbackReplicas != null && sharedLimit == null) {
            throw new IllegalArgumentException("--shared-limit-fallback needs --shared-limit");
        }
        if (quotaKey != null && sharedLimit == null) {
            throw new IllegalArgumentException("--quota-key needs --shared-limit");
        }
        if (!(maxWaitSeconds >= 0) || maxWaitSeconds > 3600) {
            throw new IllegalArgumentException("--max-wait must be between 0 and 3600 seconds, got " + maxWaitSeconds);
        }
        if (!(redisTimeoutSeconds >= 0.001) || redisTimeoutSeconds > 60) {
            throw new IllegalArgumentException("--redis-timeout must be between 0.001 and 60 seconds, got "
                    + redisTimeoutSeconds);
        }
    }
}
