package io.gmerecording.core;

/**
 * A GME room, as the application named it when users entered it: 1 to 127 characters, without control characters
 * or surrounding white space (checked before anything is sent). Compared by its text.
 */
public final class RoomId {

    /** The longest room id GME takes. */
    public static final int MAX_LENGTH = 127;

    private final String value;

    private RoomId(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException naming the value and the rule it breaks */
    public static RoomId of(String value) {
        Checks.notNull(value, "roomId");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("roomId must be 1 to " + MAX_LENGTH + " characters, got "
                    + value.length() + ": " + Checks.quoted(value));
        }
        if (!value.equals(value.trim()) || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("roomId must have no control characters and no white space at either "
                    + "end, got " + Checks.quoted(value));
        }
        return new RoomId(value);
    }

    /** The id as sent. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoomId && ((RoomId) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "RoomId[" + value + "]";
    }
}
