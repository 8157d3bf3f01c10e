package io.gmerecording.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.credentials.internal.SendableCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** tccli's {@code ~/.tccli/<profile>.credential}: JSON {@code {"secretId", "secretKey", "token"}}. */
public final class TccliCredentials implements CredentialsSource {

    private final Path file;
    private final String badProfile;

    private TccliCredentials(Path file, String badProfile) {
        this.file = Objects.requireNonNull(file, "file must not be null");
        this.badProfile = badProfile;
    }

    public static TccliCredentials of(Path file) {
        return new TccliCredentials(file, null);
    }

    /**
     * {@code <home>/.tccli/<profile>.credential}. The profile must be a plain name (letters, digits, {@code _},
     * {@code -}, {@code .}, not starting with a dot): a {@code TCCLI_PROFILE} that is a path is reported when the
     * chain resolves, never followed.
     */
    public static TccliCredentials inHome(Path home, String profile) {
        boolean plain = profile.matches("[A-Za-z0-9_.-]{1,64}") && !profile.startsWith(".");
        Path tccli = home.resolve(".tccli");
        return plain ? new TccliCredentials(tccli.resolve(profile + ".credential"), null)
                : new TccliCredentials(tccli, "TCCLI_PROFILE must be a plain profile name (letters, digits, '_', "
                        + "'-', '.'), not a path or anything else");
    }

    @Override
    public Optional<Credentials> find() {
        if (badProfile != null) {
            throw ErrorCodes.credentialsMalformed(badProfile);
        }
        Optional<byte[]> bytes = CredentialFiles.read(file);
        if (!bytes.isPresent()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes.get());
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the input, which may hold the secret: report only the position
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw malformed("line " + line + " is not valid JSON");
        } catch (IOException e) {
            throw malformed("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw malformed("line 1: expected a JSON object");
        }
        String id = text(root, "secretId");
        String key = text(root, "secretKey");
        if (id == null && key == null) {
            return Optional.empty();
        }
        if (id == null || key == null) {
            throw malformed("needs both secretId and secretKey");
        }
        CredentialFiles.warnIfOthersCanRead(file);
        String source = "credentials file " + file;
        return Optional.of(Credentials.of(SendableCredentials.checked(id, "secretId", source),
                SendableCredentials.checked(key, "secretKey", source),
                SendableCredentials.checked(text(root, "token"), "token", source)));
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }

    private CredentialsException malformed(String problem) {
        return ErrorCodes.credentialsMalformed("credentials file " + file + ": " + problem);
    }
}
