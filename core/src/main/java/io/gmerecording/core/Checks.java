package io.gmerecording.core;

/** Argument guards with messages that name the argument. */
final class Checks {

    private Checks() {
    }

    /** A value for a message: quoted, control characters shown as '?', cut after 64 characters. */
    static String quoted(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }
}
