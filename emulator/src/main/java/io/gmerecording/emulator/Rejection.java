package io.gmerecording.emulator;

/** An API error the emulator answers with, as the real service does: HTTP 200 with Response.Error. */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    Rejection(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
