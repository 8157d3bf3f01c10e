package io.gmerecording.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Text from outside (the service, a fixture) made safe for a terminal: every control character, and the Unicode
 * line, paragraph and bidirectional controls that can reorder or hide what a person reads, is shown as a
 * {@code \}{@code uXXXX} escape instead of acting on the terminal.
 */
final class TerminalText {

    /**
     * The same characters escaped in JSON output: Jackson escapes only those below U+0020, and a RoomId holding
     * U+202E or U+0085 would act on the terminal of whoever reads the JSON lines. The output stays valid JSON.
     */
    static final CharacterEscapes JSON_ESCAPES = new CharacterEscapes() {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= Character.MAX_VALUE && acts((char) ch)
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    };

    private TerminalText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (acts(c)) {
                if (safe == null) {
                    safe = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                safe.append(String.format("\\u%04x", (int) c));
            } else if (safe != null) {
                safe.append(c);
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static boolean acts(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }
}
