package io.gmerecording.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the emulator sends its recording callbacks, signed with the application's key, and how badly: shares of
 * events dropped, sent twice and sent out of order, a delay before each, and how often a delivery that did not get
 * a 2xx is tried again. Immutable; each {@code with} method gives a changed copy. By default every event is sent once,
 * in order, at once, and tried again twice, a second apart.
 */
public final class CallbackTarget {

    private final URI url;
    private final String appKey;
    private final double dropShare;
    private final double duplicateShare;
    private final double reorderShare;
    private final Duration delay;
    private final int retries;
    private final Duration retryInterval;
    private final long seed;

    private CallbackTarget(URI url, String appKey, double dropShare, double duplicateShare, double reorderShare,
            Duration delay, int retries, Duration retryInterval, long seed) {
        this.url = url;
        this.appKey = appKey;
        this.dropShare = dropShare;
        this.duplicateShare = duplicateShare;
        this.reorderShare = reorderShare;
        this.delay = delay;
        this.retries = retries;
        this.retryInterval = retryInterval;
        this.seed = seed;
    }

    /**
     * @param url an http or https URL (the receiving endpoint)
     * @param appKey the application's permission key the events are signed with
     */
    public static CallbackTarget to(URI url, String appKey) {
        Objects.requireNonNull(url, "url must not be null");
        Objects.requireNonNull(appKey, "appKey must not be null");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("the callback URL must be http:// or https:// with a host, got "
                    + url.getScheme() + "://" + url.getHost());
        }
        if (appKey.isEmpty()) {
            throw new IllegalArgumentException("appKey must not be empty");
        }
        return new CallbackTarget(url, appKey, 0, 0, 0, Duration.ZERO, 2, Duration.ofSeconds(1), 1);
    }

    /** Of every event, this share is never sent (0 to 1). */
    public CallbackTarget withDropped(double share) {
        return new CallbackTarget(url, appKey, share(share, "dropped"), duplicateShare, reorderShare, delay, retries,
                retryInterval, seed);
    }

    /** Of every event, this share is sent twice (0 to 1). */
    public CallbackTarget withDuplicated(double share) {
        return new CallbackTarget(url, appKey, dropShare, share(share, "duplicated"), reorderShare, delay, retries,
                retryInterval, seed);
    }

    /** Of every event, this share is sent after the event that followed it (0 to 1). */
    public CallbackTarget withReordered(double share) {
        return new CallbackTarget(url, appKey, dropShare, duplicateShare, share(share, "reordered"), delay, retries,
                retryInterval, seed);
    }

    /** How long after its event each delivery is sent, in real time. */
    public CallbackTarget withDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay must not be null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the delay must not be negative, got " + delay);
        }
        return new CallbackTarget(url, appKey, dropShare, duplicateShare, reorderShare, delay, retries,
                retryInterval, seed);
    }

    /** How many times a delivery answered with anything but a 2xx (or not at all) is sent again, how far apart. */
    public CallbackTarget withRetries(int retries, Duration interval) {
        Objects.requireNonNull(interval, "interval must not be null");
        if (retries < 0 || interval.isNegative()) {
            throw new IllegalArgumentException("retries and their interval must not be negative, got " + retries
                    + " and " + interval);
        }
        return new CallbackTarget(url, appKey, dropShare, duplicateShare, reorderShare, delay, retries, interval,
                seed);
    }

    /** The seed of the drop, duplicate and reorder choices, so a run can be repeated. */
    public CallbackTarget withSeed(long seed) {
        return new CallbackTarget(url, appKey, dropShare, duplicateShare, reorderShare, delay, retries,
                retryInterval, seed);
    }

    public URI url() {
        return url;
    }

    String appKey() {
        return appKey;
    }

    double dropShare() {
        return dropShare;
    }

    double duplicateShare() {
        return duplicateShare;
    }

    double reorderShare() {
        return reorderShare;
    }

    Duration delay() {
        return delay;
    }

    int retries() {
        return retries;
    }

    Duration retryInterval() {
        return retryInterval;
    }

    long seed() {
        return seed;
    }

    private static double share(double share, String what) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the share " + what + " must be from 0 to 1, got " + share);
        }
        return share;
    }

    @Override
    public String toString() {
        return "CallbackTarget[" + url + ", dropped " + dropShare + ", duplicated " + duplicateShare + ", reordered "
                + reorderShare + ", delay " + delay + ", retries " + retries + " every " + retryInterval + "]";
    }
}
