package io.gmerecording.callbacks;

import io.gmerecording.callbacks.CallbackRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Takes recording callbacks as they arrive: the raw body and its {@code Signature} header in, a verified, typed
 * {@link RecordingEvent} out, or a {@link CallbackRefusedException} saying why not. In order: the size cap (before the
 * body is read whole), the signature over the bytes as received, the body, the freshness window on its
 * {@code Timestamp} when one is set, and the repeats: an event already taken is {@link Received#duplicate()}.
 *
 * <p>Thread-safe; one per application key. Nothing it says, logs or prints holds the key or a signature.
 */
public final class CallbackReceiver {

    /** The default size cap: a callback is a few hundred bytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** How many events' keys are remembered for de-duplication by default; the oldest are forgotten first. */
    public static final int DEFAULT_REMEMBERED_EVENTS = 100_000;

    private final byte[] appKey;
    private final int maxBodyBytes;
    private final Duration freshness;
    private final Clock clock;
    private final Map<String, Boolean> seen;

    private CallbackReceiver(Builder builder) {
        this.appKey = builder.appKey;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.freshness = builder.freshness;
        this.clock = builder.clock;
        int remembered = builder.rememberedEvents;
        this.seen = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /** @param appKey the application's permission key from the GME console (not the API SecretKey) */
    public static Builder builder(String appKey) {
        return new Builder(appKey);
    }

    /** An event that was taken: new, or a repeat of one taken before. */
    public static final class Received {
        private final RecordingEvent event;
        private final boolean duplicate;

        Received(RecordingEvent event, boolean duplicate) {
            this.event = event;
            this.duplicate = duplicate;
        }

        public RecordingEvent event() {
            return event;
        }

        /** True for a repeat of an event already taken: answer 2xx, do not act on it again. */
        public boolean duplicate() {
            return duplicate;
        }

        @Override
        public String toString() {
            return (duplicate ? "duplicate " : "") + event;
        }
    }

    /** @throws CallbackRefusedException the body or its signature is not a callback this receiver takes */
    public Received receive(byte[] body, String signature) throws CallbackRefusedException {
        Objects.requireNonNull(body, "body must not be null");
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] sent = CallbackSignature.decode(signature);
        if (sent == null) {
            throw new CallbackRefusedException(Reason.MISSING_SIGNATURE, signature == null
                    ? "the callback has no Signature header"
                    : "the Signature header is neither hex nor Base64 of an HMAC-SHA1 (" + signature.trim().length()
                            + " characters)");
        }
        if (!CallbackSignature.matches(appKey, body, sent)) {
            throw new CallbackRefusedException(Reason.BAD_SIGNATURE, "the Signature does not match the body under "
                    + "the application's key (" + body.length + " bytes signed; a body re-serialized on the way "
                    + "no longer matches)");
        }
        RecordingEvent event;
        try {
            event = CallbackBody.parse(body);
        } catch (CallbackBody.Malformed e) {
            throw new CallbackRefusedException(Reason.MALFORMED, "a signed body that is not a callback: "
                    + e.getMessage());
        }
        if (freshness != null) {
            requireFresh(event);
        }
        synchronized (seen) {
            return new Received(event, seen.put(event.deduplicationKey(), Boolean.TRUE) != null);
        }
    }

    /**
     * As {@link #receive(byte[], String)}, reading at most the size cap and one byte more from {@code body}, so an
     * oversized body is refused without being held whole.
     */
    public Received receive(InputStream body, String signature) throws CallbackRefusedException, IOException {
        byte[] read = body.readNBytes(maxBodyBytes + 1);
        if (read.length > maxBodyBytes) {
            throw tooLarge();
        }
        return receive(read, signature);
    }

    /**
     * Forgets that an event was taken, so its next delivery is new again: for a receiver whose application failed
     * to act on it and answers the service with an error, to be sent it again.
     */
    public void forget(RecordingEvent event) {
        synchronized (seen) {
            seen.remove(event.deduplicationKey());
        }
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    private void requireFresh(RecordingEvent event) throws CallbackRefusedException {
        if (event.timestamp().isEmpty()) {
            throw new CallbackRefusedException(Reason.STALE, "the callback has no Timestamp, and this receiver "
                    + "takes only events sent within " + freshness);
        }
        Instant now = clock.instant();
        Instant sent = event.timestamp().get();
        Duration age = Duration.between(sent, now);
        if (age.abs().compareTo(freshness) > 0) {
            throw new CallbackRefusedException(Reason.STALE, "the callback's Timestamp " + sent + " is "
                    + (age.isNegative() ? age.negated() + " ahead of " : age + " before ") + now
                    + ", outside the freshness window of " + freshness);
        }
    }

    private CallbackRefusedException tooLarge() {
        return new CallbackRefusedException(Reason.TOO_LARGE, "the callback's body is over " + maxBodyBytes
                + " bytes");
    }

    @Override
    public String toString() {
        return "CallbackReceiver[maxBodyBytes=" + maxBodyBytes + ", freshness="
                + (freshness == null ? "off" : freshness) + "]";
    }

    /** Configures a {@link CallbackReceiver}; only the key is required. */
    public static final class Builder {
        private final byte[] appKey;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int rememberedEvents = DEFAULT_REMEMBERED_EVENTS;
        private Duration freshness;
        private Clock clock = Clock.systemUTC();

        private Builder(String appKey) {
            Objects.requireNonNull(appKey, "appKey must not be null");
            if (appKey.isEmpty()) {
                throw new IllegalArgumentException("appKey must not be empty");
            }
            this.appKey = appKey.getBytes(StandardCharsets.UTF_8);
        }

        /** The largest body taken, in bytes (default {@value #DEFAULT_MAX_BODY_BYTES}). */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** How many events are remembered to recognise repeats (default {@value #DEFAULT_REMEMBERED_EVENTS}). */
        public Builder rememberedEvents(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("rememberedEvents must be positive, got " + events);
            }
            this.rememberedEvents = events;
            return this;
        }

        /**
         * Refuse an event whose {@code Timestamp} is further than {@code window} from now, either way (off by
         * default: the service retries, and a retried event keeps its first Timestamp).
         */
        public Builder freshness(Duration window) {
            Objects.requireNonNull(window, "freshness must not be null");
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("freshness must be positive, got " + window);
            }
            this.freshness = window;
            return this;
        }

        /** The clock the freshness window is measured on (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        public CallbackReceiver build() {
            return new CallbackReceiver(this);
        }

        @Override
        public String toString() {
            return "CallbackReceiver.Builder[appKey=" + (appKey.length == 0 ? "none" : "(set)") + "]";
        }
    }
}
