package io.gmerecording.spring;

import io.gmerecording.core.RecordingQueryBuilder;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gme.recording.*}. An unknown property under the prefix (a misspelling) fails start-up with its name, as does
 * a value out of range; the report names it without its value, which may be a secret.
 */
@ConfigurationProperties(prefix = GmeRecordingProperties.PREFIX, ignoreUnknownFields = false)
public class GmeRecordingProperties {

    static final String PREFIX = "gme.recording";

    /** The transports a {@link io.gmerecording.core.RecordingQuery} can use. */
    public enum Adapter {
        /** Our own: Java's HttpClient and TC3 signer. */
        HTTP,
        /** The official Tencent Cloud SDK (add gme-recording-adapter-sdk). */
        SDK
    }

    /** Transport: http (Java HttpClient, our TC3 signer) or sdk (the official SDK; add gme-recording-adapter-sdk). */
    private Adapter adapter = Adapter.HTTP;

    /** Service endpoint, https://host[:port]; http:// only for a loopback host (the emulator). */
    private String endpoint = RecordingQueryBuilder.DEFAULT_ENDPOINT;

    /** Sent as X-TC-Region; the action does not need one. */
    private String region;

    /** Sent as X-TC-Language: zh-CN or en-US. */
    private String language;

    /** How long to wait for a connection. */
    private Duration connectTimeout = RecordingQueryBuilder.DEFAULT_CONNECT_TIMEOUT;

    /** How long to wait for one request's answer. */
    private Duration requestTimeout = RecordingQueryBuilder.DEFAULT_REQUEST_TIMEOUT;

    /** Attempts per call, retries of retryable errors included (1 to 20). */
    private int maxAttempts = 3;

    /** Requests per second this process sends at most, or the whole account's when shared-limit.uri is set. */
    private double maxRequestsPerSecond = 20;

    /** The longest a call waits for a rate-limit permit before it fails with Client.RateLimitWaitExceeded. */
    private Duration maxRateLimitWait = Duration.ofSeconds(60);

    private final Credentials credentials = new Credentials();

    private final SharedLimit sharedLimit = new SharedLimit();

    private final Tracker tracker = new Tracker();

    /** Explicit credentials; leave both unset to use the standard chain (environment, files, CVM role, TKE OIDC). */
    public static class Credentials {

        /** SecretId; with secret-key. */
        private String secretId;

        /** SecretKey; with secret-id. Never logged. */
        private String secretKey;

        /** Session token of temporary credentials. Never logged. */
        private String token;

        public String getSecretId() {
            return secretId;
        }

        public void setSecretId(String secretId) {
            this.secretId = secretId;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        @Override
        public String toString() {
            return "Credentials[secretId=" + secretId + ", secretKey=<redacted>, token=<redacted>]";
        }
    }

    /** One budget for every replica, through Redis (add gme-recording-ratelimit-redis). */
    public static class SharedLimit {

        /** redis://HOST:PORT[/DB]; unset: each process limits itself. */
        private String uri;

        /** While Redis is unreachable, send max-requests-per-second / fallback-replicas here instead of failing. */
        private Integer fallbackReplicas;

        /** The start of the bucket's key in Redis. */
        private String keyPrefix = "gme-recording:ratelimit";

        /**
         * The name of the quota the replicas share; unset: the credentials' quota key (the SecretId of a long-term
         * key, cvm-role:NAME or tke-role:ARN for a role), never a temporary SecretId.
         */
        private String quotaKey;

        /** How long one Redis command may take before it is tried again (within the wait bound). */
        private Duration redisTimeout = Duration.ofSeconds(1);

        public String getQuotaKey() {
            return quotaKey;
        }

        public void setQuotaKey(String quotaKey) {
            this.quotaKey = quotaKey;
        }

        public Duration getRedisTimeout() {
            return redisTimeout;
        }

        public void setRedisTimeout(Duration redisTimeout) {
            this.redisTimeout = redisTimeout;
        }

        public String getUri() {
            return uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        public Integer getFallbackReplicas() {
            return fallbackReplicas;
        }

        public void setFallbackReplicas(Integer fallbackReplicas) {
            this.fallbackReplicas = fallbackReplicas;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }

    /** The RecordingTracker bean. */
    public static class Tracker {

        /** Whether to create (and start) a RecordingTracker bean. */
        private boolean enabled = true;

        /** Requests in flight at once. */
        private int concurrency = 2;

        /** A task that has not reached its target this long after it was added ends as TIMED_OUT. */
        private Duration timeout = Duration.ofHours(6);

        /** The pause between two requests for a task that is RECORDING (or shows no recording yet). */
        private Duration recordingInterval = Duration.ofSeconds(20);

        /** The pause between two requests for a task past RECORDING. */
        private Duration interval = Duration.ofSeconds(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getRecordingInterval() {
            return recordingInterval;
        }

        public void setRecordingInterval(Duration recordingInterval) {
            this.recordingInterval = recordingInterval;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    public Adapter getAdapter() {
        return adapter;
    }

    public void setAdapter(Adapter adapter) {
        this.adapter = adapter;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public double getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(double maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public Duration getMaxRateLimitWait() {
        return maxRateLimitWait;
    }

    public void setMaxRateLimitWait(Duration maxRateLimitWait) {
        this.maxRateLimitWait = maxRateLimitWait;
    }

    public Credentials getCredentials() {
        return credentials;
    }

    public SharedLimit getSharedLimit() {
        return sharedLimit;
    }

    public Tracker getTracker() {
        return tracker;
    }
}
