package io.gmerecording.spring;

import io.gmerecording.callbacks.CallbackReceiver;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Transport;
import io.gmerecording.core.TransportBuilder;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gme.recording.*}, defaults read from the library. An unknown property under the prefix (a misspelling) fails
 * start-up with its name, as does a value out of range (validated as the properties are bound); the report names it
 * without its value, which may be a secret.
 */
@Validated
@ConfigurationProperties(prefix = GmeRecordingProperties.PREFIX, ignoreUnknownFields = false)
public class GmeRecordingProperties implements Validator {

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
    private String endpoint = TransportBuilder.DEFAULT_ENDPOINT;

    /** Sent as X-TC-Region; the action does not need one. */
    private String region;

    /** Sent as X-TC-Language: zh-CN or en-US. */
    private String language;

    /** How long to wait for a connection. */
    private Duration connectTimeout = TransportBuilder.DEFAULT_CONNECT_TIMEOUT;

    /** How long to wait for one request's answer. */
    private Duration requestTimeout = TransportBuilder.DEFAULT_REQUEST_TIMEOUT;

    /** Attempts per call, retries of retryable errors included (1 to 20). */
    private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;

    /** Requests per second this process sends at most, or the whole account's when shared-limit.uri is set. */
    private double maxRequestsPerSecond = GmeRecording.DEFAULT_MAX_REQUESTS_PER_SECOND;

    /** The longest a call waits for a rate-limit permit before it fails with Client.RateLimitWaitExceeded. */
    private Duration maxRateLimitWait = GmeRecording.DEFAULT_MAX_RATE_LIMIT_WAIT;

    private final Credentials credentials = new Credentials();

    private final SharedLimit sharedLimit = new SharedLimit();

    private final Tracker tracker = new Tracker();

    private final Callback callback = new Callback();

    /** The recording callback endpoint: on when app-key is set (a servlet web application). */
    public static class Callback {

        /** The path the service posts callbacks to (the console's callback URL ends with it). */
        private String path = "/gme/callback";

        /** The application's permission key from the GME console (not the API SecretKey). Never logged. */
        private String appKey;

        /** Refuse an event whose Timestamp is further than this from now; unset: no window. */
        private Duration freshness;

        /** The largest body taken, in bytes. */
        private int maxBodyBytes = CallbackReceiver.DEFAULT_MAX_BODY_BYTES;

        /** With callbacks on, the tracker's pause between requests for a task while its callbacks keep up. */
        private Duration reconciliation = Duration.ofMinutes(30);

        boolean enabled() {
            return appKey != null && !appKey.isBlank();
        }

        CallbackReceiver receiver() {
            CallbackReceiver.Builder receiver =
                    CallbackReceiver.builder(appKey.strip());
            set("callback.max-body-bytes", maxBodyBytes, () -> receiver.maxBodyBytes(maxBodyBytes));
            set("callback.freshness", freshness, () -> receiver.freshness(freshness));
            return receiver.build();
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getAppKey() {
            return appKey;
        }

        public void setAppKey(String appKey) {
            this.appKey = appKey;
        }

        public Duration getFreshness() {
            return freshness;
        }

        public void setFreshness(Duration freshness) {
            this.freshness = freshness;
        }

        public int getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }

        public Duration getReconciliation() {
            return reconciliation;
        }

        public void setReconciliation(Duration reconciliation) {
            this.reconciliation = reconciliation;
        }

        @Override
        public String toString() {
            return "Callback[path=" + path + ", appKey=" + (enabled() ? "(set)" : "none") + "]";
        }
    }

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

        /** Both or neither of id and key; each a value the service could accept. */
        private void validate() {
            boolean id = secretId != null && !secretId.isBlank();
            boolean key = secretKey != null && !secretKey.isBlank();
            if (id && !key) {
                throw invalid("credentials.secret-key", "<unset>", "credentials.secret-id is set, so the key is needed "
                        + "too");
            }
            if (key && !id) {
                throw invalid("credentials.secret-id", "<unset>", "credentials.secret-key is set, so the id is needed "
                        + "too");
            }
            sendable("credentials.secret-id", secretId);
            sendable("credentials.secret-key", secretKey);
            sendable("credentials.token", token);
        }

        /**
         * A value the service could never accept (a space, a line break, a non-ASCII character, over 4096 characters)
         * fails start-up naming the property, never showing the value: otherwise the application starts and every
         * request fails.
         */
        private static void sendable(String property, String value) {
            if (value != null && !value.isBlank()
                    && (value.length() > 4096 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
                throw invalid(property, "<not shown>", "must be printable ASCII without spaces, at most 4096 "
                        + "characters; the service could never accept it");
            }
        }

        /**
         * The credentials given, or null when neither id nor key is (the standard chain then).
         *
         * @throws InvalidConfigurationPropertyValueException naming the property when one is missing or unsendable
         */
        io.gmerecording.core.Credentials given() {
            validate();
            if (secretId == null || secretId.isBlank()) {
                return null;
            }
            return token == null || token.isBlank() ? io.gmerecording.core.Credentials.of(secretId, secretKey)
                    : io.gmerecording.core.Credentials.of(secretId, secretKey, token);
        }

        @Override
        public String toString() {
            return "Credentials[secretId=" + secretId + ", secretKey=<redacted>, token=<redacted>]";
        }
    }

    /** One budget for every replica, through Redis (add gme-recording-redis). */
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
        private int concurrency = RecordingTracker.DEFAULT_CONCURRENCY;

        /** A task that has not reached its target this long after it was added ends as TIMED_OUT. */
        private Duration timeout = RecordingTracker.DEFAULT_TIMEOUT;

        /** The pause between two requests for a task that is RECORDING (or shows no recording yet). */
        private Duration recordingInterval = RecordingTracker.DEFAULT_RECORDING_INTERVAL;

        /** The pause between two requests for a task past RECORDING. */
        private Duration interval = RecordingTracker.DEFAULT_INTERVAL;

        /** Where the tracked tasks are kept: this JVM's memory unless a Redis is named (shared by every replica). */
        private final Store store = new Store();

        public Store getStore() {
            return store;
        }

        /** Sets a tracker's builder from these properties; a status this version does not know keeps the library's. */
        void applyTo(RecordingTracker.Builder tracker) {
            tracker.concurrency(concurrency);
            set("tracker.timeout", timeout, () -> tracker.timeout(timeout));
            for (RecordStatus status : RecordStatus.values()) {
                if (status != RecordStatus.UNRECOGNIZED) {
                    boolean recording = status == RecordStatus.RECORDING;
                    Duration pause = recording ? recordingInterval : interval;
                    set(recording ? "tracker.recording-interval" : "tracker.interval", pause,
                            () -> tracker.interval(status, pause));
                }
            }
        }

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

    /** Tracked tasks kept in Redis and shared by every replica (add gme-recording-redis). */
    public static class Store {

        /** redis://HOST:PORT[/DB] or rediss://...; unset: the tasks live in this JVM only. */
        private String uri;

        /** The store's name: replicas that share their tasks name the same one. */
        private String name = "default";

        /** This replica's name as its tasks' holder; unset: HOSTNAME (a pod's name), else a random one. */
        private String replica;

        /** How long after its last renewal a replica's tasks may be taken over by the others. */
        private Duration lease = Duration.ofSeconds(30);

        /** How long an end may go unacknowledged (its listener threw, its replica died) before it is given again. */
        private Duration deliveryTime = Duration.ofSeconds(60);

        /** How long one Redis call may take; beyond it tracking pauses until Redis answers. */
        private Duration redisTimeout = Duration.ofSeconds(1);

        /** Whether the uri names one node of a Redis Cluster. */
        private boolean cluster;

        public String getUri() {
            return uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getReplica() {
            return replica;
        }

        public void setReplica(String replica) {
            this.replica = replica;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public Duration getDeliveryTime() {
            return deliveryTime;
        }

        public void setDeliveryTime(Duration deliveryTime) {
            this.deliveryTime = deliveryTime;
        }

        public Duration getRedisTimeout() {
            return redisTimeout;
        }

        public void setRedisTimeout(Duration redisTimeout) {
            this.redisTimeout = redisTimeout;
        }

        public boolean isCluster() {
            return cluster;
        }

        public void setCluster(boolean cluster) {
            this.cluster = cluster;
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

    public Callback getCallback() {
        return callback;
    }

    public Tracker getTracker() {
        return tracker;
    }
    /** The transport from these properties; a value the library refuses names its property. */
    Transport buildTransport(TransportBuilder<?, ?> builder, CredentialsProvider credentials) {
        set("endpoint", endpoint, () -> builder.endpoint(endpoint));
        set("region", region, () -> builder.region(region));
        set("language", language, () -> builder.language(language));
        set("connect-timeout", connectTimeout, () -> builder.connectTimeout(connectTimeout));
        set("request-timeout", requestTimeout, () -> builder.requestTimeout(requestTimeout));
        try {
            return builder.credentialsProvider(credentials).build();
        } catch (IllegalArgumentException refused) {
            // what only the whole builder can check: the endpoint's scheme and host
            throw invalid("endpoint", endpoint, refused.getMessage());
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return GmeRecordingProperties.class.isAssignableFrom(type);
    }

    /**
     * The ranges the library cannot check alone (it has no upper bounds) and the pairs that need each other. Each
     * failure is thrown as the property's own exception rather than recorded in {@code errors}, so the report names
     * the property as it is written ({@code gme.recording.max-attempts}) and never shows a secret's value.
     */
    @Override
    public void validate(Object target, Errors errors) {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw invalid("max-attempts", maxAttempts, "must be between 1 and 20");
        }
        if (!(maxRequestsPerSecond > 0) || maxRequestsPerSecond > 1000) {
            throw invalid("max-requests-per-second", maxRequestsPerSecond, "must be above 0 and at most 1000");
        }
        if (maxRateLimitWait == null || maxRateLimitWait.isNegative()) {
            throw invalid("max-rate-limit-wait", maxRateLimitWait, "must not be negative");
        }
        if (tracker.concurrency < 1 || tracker.concurrency > 256) {
            throw invalid("tracker.concurrency", tracker.concurrency, "must be between 1 and 256");
        }
        if ((sharedLimit.uri == null || sharedLimit.uri.isBlank()) && sharedLimit.fallbackReplicas != null) {
            throw invalid("shared-limit.fallback-replicas", sharedLimit.fallbackReplicas,
                    "needs gme.recording.shared-limit.uri");
        }
        if (callback.path == null || !callback.path.startsWith("/") || callback.path.contains("*")) {
            throw invalid("callback.path", callback.path, "must be a path starting with / (no wildcards)");
        }
        // the credentials are checked when they are used: a misspelled key's property must be reported as unknown
        // (by the check that runs after this one), not as a missing key
    }

    /** Applies one setting to a library builder, naming the property when the library refuses its value. */
    static void set(String property, Object value, Runnable apply) {
        if (value == null) {
            return;
        }
        try {
            apply.run();
        } catch (IllegalArgumentException | RecordingQueryException e) {
            throw invalid(property, value, e.getMessage());
        }
    }

    static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(PREFIX + "." + property, value, reason);
    }
}
