package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.credentials.internal.SendableCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The official SDK's INI file, {@code ~/.tencentcloud/credentials}: section {@code [default]} with
 * {@code secret_id}, {@code secret_key} and optional {@code token}. Lines are {@code [section]},
 * {@code key = value}, comments starting with {@code #} or {@code ;}, or blank.
 */
public final class ProfileFileCredentials implements CredentialsSource {

    private static final String SECTION = "default";

    private final Path file;

    private ProfileFileCredentials(Path file) {
        this.file = Objects.requireNonNull(file, "file must not be null");
    }

    public static ProfileFileCredentials of(Path file) {
        return new ProfileFileCredentials(file);
    }

    /** {@code <home>/.tencentcloud/credentials}. */
    public static ProfileFileCredentials inHome(Path home) {
        return of(home.resolve(".tencentcloud").resolve("credentials"));
    }

    @Override
    public Optional<Credentials> find() {
        Optional<byte[]> bytes = CredentialFiles.read(file);
        if (!bytes.isPresent()) {
            return Optional.empty();
        }
        String[] lines = new String(bytes.get(), StandardCharsets.UTF_8).split("\\R", -1);
        Map<String, String> values = new HashMap<>();
        String section = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw malformed("line " + (i + 1) + " is not a [section] header");
                }
                section = line.substring(1, line.length() - 1).trim();
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw malformed("line " + (i + 1) + " is not a key = value pair");
            }
            if (section == null) {
                throw malformed("line " + (i + 1) + " comes before any [section] header");
            }
            if (SECTION.equals(section)) {
                values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        String id = values.get("secret_id");
        String key = values.get("secret_key");
        if (id == null && key == null) {
            return Optional.empty();
        }
        if (id == null || id.isEmpty() || key == null || key.isEmpty()) {
            throw malformed("section [" + SECTION + "] needs both secret_id and secret_key");
        }
        CredentialFiles.warnIfOthersCanRead(file);
        String source = "credentials file " + file + ", section [" + SECTION + "]";
        return Optional.of(Credentials.of(SendableCredentials.checked(id, "secret_id", source),
                SendableCredentials.checked(key, "secret_key", source),
                SendableCredentials.checked(values.get("token"), "token", source)));
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    private CredentialsException malformed(String problem) {
        return ErrorCodes.credentialsMalformed("credentials file " + file + ": " + problem);
    }
}
