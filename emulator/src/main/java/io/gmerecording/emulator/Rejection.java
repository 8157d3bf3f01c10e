package io.gmerecording.emulator;

/** An API error the emulator answers with, as the real service does: HTTP 200 with Response.Error. */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final long arrivedMillis;

    Rejection(String code, String message) {
        this(code, message, -1);
    }

    /** A rejection that fixed the request's arrival time (the rate limiter does). */
    Rejection(String code, String message, long arrivedMillis) {
        super(message, null, false, false);
        this.code = code;
        this.arrivedMillis = arrivedMillis;
    }

    /** The arrival time fixed by the check that rejected, or -1. */
    long arrivedMillis() {
        return arrivedMillis;
    }

    String code() {
        return code;
    }
}
