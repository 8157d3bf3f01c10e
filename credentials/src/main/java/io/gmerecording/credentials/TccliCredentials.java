package io.gmerecording.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** tccli's {@code ~/.tccli/<profile>.credential}: JSON {@code {"secretId", "secretKey", "token"}}. */
public final class TccliCredentials implements CredentialsSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private TccliCredentials(Path file) {
        this.file = Objects.requireNonNull(file, "file must not be null");
    }

    public static TccliCredentials of(Path file) {
        return new TccliCredentials(file);
    }

    /** {@code <home>/.tccli/<profile>.credential}. */
    public static TccliCredentials inHome(Path home, String profile) {
        return of(home.resolve(".tccli").resolve(profile + ".credential"));
    }

    @Override
    public Optional<Credentials> find() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw malformed("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
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
        return Optional.of(Credentials.of(id, key, text(root, "token")));
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
