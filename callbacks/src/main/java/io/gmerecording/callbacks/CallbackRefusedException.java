package io.gmerecording.callbacks;

/**
 * A callback that is not taken, and why. Its message names what was wrong with the request and never quotes the
 * application's key, the signature sent or the one expected.
 */
public final class CallbackRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a callback was refused, with the HTTP status a receiver answers it with. */
    public enum Reason {
        /** No {@code Signature} header, or one that is neither hex nor Base64 of 20 bytes. */
        MISSING_SIGNATURE(401),
        /** The signature does not match the body's bytes under the application's key. */
        BAD_SIGNATURE(401),
        /** The body is larger than the receiver takes. */
        TOO_LARGE(413),
        /** Signed, but not a callback body: not JSON, not an object, or without a field every event has. */
        MALFORMED(400),
        /** Signed and well-formed, but its Timestamp is outside the freshness window. */
        STALE(401);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    CallbackRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
