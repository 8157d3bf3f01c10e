package io.gmerecording.emulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gmerecording.callbacks.CallbackSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;

/**
 * Sends the lifecycle's events to a {@link CallbackTarget} as the service would, and as badly as the target says:
 * each event's body signed (HMAC-SHA1, hex) with the application's key, some dropped, some twice, some out of order,
 * after a delay, tried again after an answer that is not a 2xx. One daemon thread sends; {@link #flush()} sends what
 * is due in the caller's thread instead (for tests on simulated time). Every attempt is recorded, the last 10,000.
 */
final class CallbackSender implements AutoCloseable {

    private static final int LOG_CAPACITY = 10_000;
    /** How long an event held back for a reordering waits for one to follow it. */
    private static final long HOLD_NANOS = 1_000_000_000L;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** One event of the lifecycle, in the callback's own terms (RecordMode 0 single, 1 mixed). */
    static final class Event {
        final long bizId;
        final String roomId;
        final String userId;
        final long taskId;
        final long callbackRecordMode;
        final Instant at;
        final long type;
        final long seqNo;
        final String fileName;

        Event(long bizId, String roomId, String userId, long taskId, long callbackRecordMode, Instant at, long type,
                long seqNo, String fileName) {
            this.bizId = bizId;
            this.roomId = roomId;
            this.userId = userId;
            this.taskId = taskId;
            this.callbackRecordMode = callbackRecordMode;
            this.at = at;
            this.type = type;
            this.seqNo = seqNo;
            this.fileName = fileName;
        }

        /** The body, its fields in the order of the service's guide. */
        byte[] body() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (JsonGenerator json = JSON.createGenerator(bytes)) {
                json.writeStartObject();
                json.writeNumberField("BizID", bizId);
                json.writeStringField("RoomID", roomId);
                json.writeStringField("UserID", userId);
                json.writeNumberField("TaskID", taskId);
                json.writeNumberField("RecordMode", callbackRecordMode);
                json.writeNumberField("Timestamp", at.getEpochSecond());
                json.writeNumberField("EventType", type);
                json.writeObjectFieldStart("Detail");
                json.writeNumberField("SeqNo", seqNo);
                json.writeStringField("FileName", fileName);
                json.writeEndObject();
                json.writeEndObject();
            } catch (IOException e) {
                throw new IllegalStateException("an event could not be written to memory", e);
            }
            return bytes.toByteArray();
        }
    }

    private static final class Pending {
        final Event event;
        final byte[] body;
        final long sendAtNanos;
        final int attempt;

        Pending(Event event, byte[] body, long sendAtNanos, int attempt) {
            this.event = event;
            this.body = body;
            this.sendAtNanos = sendAtNanos;
            this.attempt = attempt;
        }
    }

    private final CallbackTarget target;
    private final byte[] appKey;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final LinkedList<Pending> queue = new LinkedList<>();
    private final Deque<CallbackDelivery> log = new ArrayDeque<>();
    private final Thread worker;
    /** An event held back to go after the next one (a reordering), and since when. */
    private Pending held;
    private long heldSinceNanos;
    /** One delivery at a time, taken in queue order, whether by the sending thread or by a flush. */
    private final Object lane = new Object();
    private boolean closed;

    CallbackSender(CallbackTarget target) {
        this.target = target;
        this.appKey = target.appKey().getBytes(StandardCharsets.UTF_8);
        this.random = new Random(target.seed());
        this.worker = new Thread(this::work, "gme-emulator-callbacks");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues an event as the target's faults say: dropped, once or twice, in order or after the one before. */
    synchronized void send(Event event) {
        byte[] body = event.body();
        if (random.nextDouble() < target.dropShare()) {
            record(new CallbackDelivery(event.taskId, event.type, text(body), Instant.now(), 1,
                    CallbackDelivery.Outcome.DROPPED, 0, null));
            return;
        }
        int copies = random.nextDouble() < target.duplicateShare() ? 2 : 1;
        long sendAt = System.nanoTime() + target.delay().toNanos();
        for (int copy = 0; copy < copies; copy++) {
            Pending pending = new Pending(event, body, sendAt, 1);
            if (held != null) {
                queue.add(pending); // the next event goes first, the held one right after it
                queue.add(held);
                held = null;
            } else if (random.nextDouble() < target.reorderShare()) {
                held = pending;
                heldSinceNanos = System.nanoTime();
            } else {
                queue.add(pending);
            }
        }
        notifyAll();
    }

    /**
     * Sends, in this thread, every queued delivery that is due now (a held one too), after the one the sending
     * thread has in hand, so every delivery due is recorded, in order, when this returns.
     */
    void flush() {
        synchronized (this) {
            releaseHeld();
        }
        while (deliverNext()) {
            // until nothing due is left
        }
    }

    /** Takes the next due delivery and sends it, in queue order; false when none is due. */
    private boolean deliverNext() {
        synchronized (lane) {
            Pending next = takeDue();
            if (next == null) {
                return false;
            }
            deliver(next);
            return true;
        }
    }

    /** Every attempt so far (the last 10,000), oldest first. */
    synchronized List<CallbackDelivery> deliveries() {
        return new ArrayList<>(log);
    }

    /** Deliveries queued and not yet sent. */
    synchronized int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        worker.interrupt();
    }

    private void work() {
        while (true) {
            synchronized (this) {
                while (!closed && dueIn() > 0) {
                    if (held != null && System.nanoTime() - heldSinceNanos > HOLD_NANOS) {
                        releaseHeld(); // no event came after it: it goes alone
                        continue;
                    }
                    try {
                        long wait = held != null ? HOLD_NANOS : dueIn();
                        wait(wait == Long.MAX_VALUE ? 0 : Math.max(1, wait / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
            }
            deliverNext();
        }
    }

    private void releaseHeld() {
        if (held != null) {
            queue.add(held);
            held = null;
        }
    }

    /** Nanoseconds until the head is due; 0 when it is; Long.MAX_VALUE when nothing is queued. */
    private long dueIn() {
        Pending head = queue.peek();
        return head == null ? Long.MAX_VALUE : Math.max(0, head.sendAtNanos - System.nanoTime());
    }

    private synchronized Pending takeDue() {
        return !queue.isEmpty() && dueIn() == 0 ? queue.poll() : null;
    }

    private void deliver(Pending pending) {
        HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Signature", CallbackSignature.sign(appKey, pending.body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(pending.body)).build();
        Instant sentAt = Instant.now();
        int status = 0;
        String failure = null;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        record(new CallbackDelivery(pending.event.taskId, pending.event.type, text(pending.body), sentAt,
                pending.attempt, failure == null ? CallbackDelivery.Outcome.ANSWERED
                        : CallbackDelivery.Outcome.NO_ANSWER, status, failure));
        boolean taken = failure == null && status / 100 == 2;
        if (!taken && pending.attempt <= target.retries()) {
            synchronized (this) {
                if (!closed) {
                    Pending again = new Pending(pending.event, pending.body,
                            System.nanoTime() + target.retryInterval().toNanos(), pending.attempt + 1);
                    int at = queue.size();
                    while (at > 0 && queue.get(at - 1).sendAtNanos - again.sendAtNanos > 0) {
                        at--; // in due order, so a retry waiting its interval holds nothing up
                    }
                    queue.add(at, again);
                    notifyAll();
                }
            }
        }
    }

    private synchronized void record(CallbackDelivery delivery) {
        if (log.size() == LOG_CAPACITY) {
            log.removeFirst();
        }
        log.addLast(delivery);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
