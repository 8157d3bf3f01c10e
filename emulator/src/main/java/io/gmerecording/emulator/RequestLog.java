package io.gmerecording.emulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The requests the emulator answered, newest last: when each arrived (emulator clock), for which BizId and action,
 * the error code if any, and how long the answer took. A ring: it keeps the last {@code capacity} entries (10,000 by default), so a long run does not grow it.
 * With a file, every entry is also written to it as a line when it is added (arrival ms, SecretId, BizId, error code
 * or {@code -}, tab-separated), so a run of any length keeps all of them on disk.
 */
public final class RequestLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RequestLog.class.getName());

    public static final int DEFAULT_CAPACITY = 10_000;

    /** One answered request. */
    public static final class Entry {
        private final long arrivedMillis;
        private final String secretId;
        private final long bizId;
        private final String errorCode;
        private final String action;
        private final long latencyMillis;

        Entry(long arrivedMillis, String secretId, long bizId, String errorCode, String action, long latencyMillis) {
            this.arrivedMillis = arrivedMillis;
            this.secretId = secretId;
            this.bizId = bizId;
            this.errorCode = errorCode;
            this.action = action;
            this.latencyMillis = latencyMillis;
        }

        /** The X-TC-Action header as sent, or null when the request named none. */
        public String action() {
            return action;
        }

        /** How long the emulator took to answer, from the request's arrival to its answer being ready. */
        public long latencyMillis() {
            return latencyMillis;
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
    private final Path file;
    private Writer writer;

    RequestLog(int capacity, Path file) {
        this.capacity = capacity;
        this.file = file;
        if (file != null) {
            try {
                writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write the request log to " + file + ": " + reason(e), e);
            }
        }
    }

    /** What the file system said, in words: its bare message is often just the path. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    synchronized void add(long arrivedMillis, String secretId, long bizId, String errorCode, String action,
            long latencyMillis) {
        if (entries.size() == capacity) {
            entries.pollFirst();
        }
        entries.addLast(new Entry(arrivedMillis, secretId, bizId, errorCode, action, latencyMillis));
        if (writer != null) {
            try {
                writer.write(arrivedMillis + "\t" + secretId + "\t" + bizId + "\t"
                        + (errorCode == null ? "-" : errorCode) + "\n");
                writer.flush();
            } catch (IOException e) {
                // a full disk must not stop the emulator answering; said once, and the file is given up
                LOG.log(System.Logger.Level.WARNING, "cannot write the request log to " + file + " any more ("
                        + reason(e) + "); it holds the requests until now");
                closeWriter();
            }
        }
    }

    /** Closes the file, if any; the entries in memory stay readable. */
    @Override
    public synchronized void close() {
        closeWriter();
    }

    private void closeWriter() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot finish the request log " + file + ": " + reason(e));
        }
        writer = null;
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** The newest {@code count} entries, newest first (for the console). */
    synchronized List<Entry> newest(int count) {
        List<Entry> newest = new ArrayList<>(Math.min(count, entries.size()));
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && newest.size() < count; ) {
            newest.add(it.next());
        }
        return newest;
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
