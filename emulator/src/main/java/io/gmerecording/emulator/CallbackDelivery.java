package io.gmerecording.emulator;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt to deliver a callback, as the emulator recorded it: the event (its JSON body as sent, its task and
 * type), when, and what the receiver answered (a status, or why there was none), or that it was dropped on purpose.
 */
public final class CallbackDelivery {

    /** What became of an attempt. */
    public enum Outcome { ANSWERED, NO_ANSWER, DROPPED }

    private final long taskId;
    private final long eventType;
    private final String body;
    private final Instant sentAt;
    private final int attempt;
    private final Outcome outcome;
    private final int status;
    private final String failure;

    CallbackDelivery(long taskId, long eventType, String body, Instant sentAt, int attempt, Outcome outcome,
            int status, String failure) {
        this.taskId = taskId;
        this.eventType = eventType;
        this.body = body;
        this.sentAt = sentAt;
        this.attempt = attempt;
        this.outcome = outcome;
        this.status = status;
        this.failure = failure;
    }

    public long taskId() {
        return taskId;
    }

    /** 1 started, 2 finished, 3 uploaded. */
    public long eventType() {
        return eventType;
    }

    /** The body as sent (as it would be sent, for a dropped one). */
    public String body() {
        return body;
    }

    /** When it was sent, on the system clock. */
    public Instant sentAt() {
        return sentAt;
    }

    /** 1 for the first try, 2 for the first retry, ... */
    public int attempt() {
        return attempt;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The receiver's HTTP status, when it answered. */
    public Optional<Integer> status() {
        return outcome == Outcome.ANSWERED ? Optional.of(status) : Optional.empty();
    }

    /** Why there was no answer (the exception's class and message), when there was none. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "CallbackDelivery[task " + taskId + ", event " + eventType + ", attempt " + attempt + ", " + outcome
                + (outcome == Outcome.ANSWERED ? " " + status : failure == null ? "" : " (" + failure + ")") + "]";
    }
}
