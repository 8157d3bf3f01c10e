package io.gmerecording.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret given as a file, never on the command line (which everyone who can list the machine's processes sees):
 * its content without surrounding whitespace. Errors name the option and the file, never the content.
 */
final class KeyFile {

    private KeyFile() {
    }

    static String read(Path file, String option) {
        String key;
        try {
            key = Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + option + " " + TerminalText.escape(file.toString())
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException(option + " " + TerminalText.escape(file.toString()) + " is empty");
        }
        return key;
    }
}
