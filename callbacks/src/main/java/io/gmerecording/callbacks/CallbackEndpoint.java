package io.gmerecording.callbacks;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a callback endpoint answers, whatever serves it (the JDK's HTTP server through {@link CallbackHttpHandler}, a
 * servlet in the Spring Boot starter): a POST whose body and {@code Signature} the {@link CallbackReceiver} takes is
 * 200 and passed to the listener once; a repeat is 200 and not passed on; a refusal is its reason's status (401 for
 * the signature or a stale event, 400 for a malformed body, 413 for an oversized one); anything but POST is 405. A
 * listener that throws gets a 500, and the event is forgotten so the service's retry is taken. The answer's body is
 * a small JSON object naming the outcome, never the key or a signature.
 */
public final class CallbackEndpoint {

    private static final JsonStringEncoder JSON_TEXT = JsonStringEncoder.getInstance();

    private final CallbackReceiver receiver;
    private final CallbackListener listener;

    public CallbackEndpoint(CallbackReceiver receiver, CallbackListener listener) {
        this.receiver = Objects.requireNonNull(receiver, "receiver must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
    }

    /** An answer: its HTTP status and JSON body. */
    public static final class Answer {
        private final int status;
        private final byte[] body;

        Answer(int status, String code, String message) {
            this.status = status;
            this.body = ("{\"code\":\"" + code + "\",\"message\":\""
                    + new String(JSON_TEXT.quoteAsString(message)) + "\"}").getBytes(StandardCharsets.UTF_8);
        }

        public int status() {
            return status;
        }

        /** The JSON body ({@code application/json}). */
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * Answers one request.
     *
     * @param contentLength the declared length, or -1 when none was given
     */
    public Answer answer(String method, long contentLength, InputStream body, String signature) throws IOException {
        if (!"POST".equals(method)) {
            return new Answer(405, "MethodNotAllowed", "the callback endpoint takes POST only");
        }
        CallbackReceiver.Received received;
        try {
            if (contentLength > receiver.maxBodyBytes()) {
                throw new CallbackRefusedException(CallbackRefusedException.Reason.TOO_LARGE,
                        "the callback's body is over " + receiver.maxBodyBytes() + " bytes");
            }
            received = receiver.receive(body, signature);
        } catch (CallbackRefusedException refusal) {
            listener.refused(refusal);
            return new Answer(refusal.reason().httpStatus(), refusal.reason().name(), refusal.getMessage());
        }
        if (received.duplicate()) {
            listener.duplicate(received.event());
            return new Answer(200, "Duplicate", "already taken");
        }
        try {
            listener.event(received.event());
        } catch (Exception e) {
            receiver.forget(received.event());
            return new Answer(500, "NotTaken", "the application could not take the event ("
                    + e.getClass().getSimpleName() + "); send it again");
        }
        return new Answer(200, "OK", "taken");
    }
}
