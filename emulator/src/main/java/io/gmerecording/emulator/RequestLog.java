package io.gmerecording.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests the emulator answered, newest last: when each arrived (emulator clock), for which BizId, and the error
 * code if any. A ring: it keeps the last {@code capacity} entries (10,000 by default), so a long run does not grow it.
 */
public final class RequestLog {

    public static final int DEFAULT_CAPACITY = 10_000;

    /** One answered request. */
    public static final class Entry {
        private final long arrivedMillis;
        private final String secretId;
        private final long bizId;
        private final String errorCode;

        Entry(long arrivedMillis, String secretId, long bizId, String errorCode) {
            this.arrivedMillis = arrivedMillis;
            this.secretId = secretId;
            this.bizId = bizId;
            this.errorCode = errorCode;
        }

        /** The SecretId that signed the request, or null when it was rejected before its signature was read. */
        public String secretId() {
            return secretId;
        }

        public long arrivedMillis() {
            return arrivedMillis;
        }

        /** -1 when the request was rejected before its BizId was read. */
        public long bizId() {
            return bizId;
        }

        /** The error code answered, or null for a success. */
        public String errorCode() {
            return errorCode;
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(long arrivedMillis, String secretId, long bizId, String errorCode) {
        if (entries.size() == capacity) {
            entries.pollFirst();
        }
        entries.addLast(new Entry(arrivedMillis, secretId, bizId, errorCode));
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }

    /** How many answers carried this error code. */
    public synchronized long count(String errorCode) {
        return entries.stream().filter(entry -> errorCode.equals(entry.errorCode)).count();
    }

    /** The most requests that arrived within any window of this length (a sliding window over arrival times). */
    public synchronized int maxInAnyWindow(Duration window) {
        long[] times = entries.stream().mapToLong(Entry::arrivedMillis).sorted().toArray();
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= window.toMillis()) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }
}
