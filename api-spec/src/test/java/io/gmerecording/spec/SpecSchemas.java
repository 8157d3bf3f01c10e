package io.gmerecording.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The action's schemas as the OpenAPI document that api-spec ships declares them, for tests in every module that
 * check something against the spec (coverage, drift, the emulator). A test fixture: published in the test-jar.
 */
public final class SpecSchemas {

    /** Where api-spec puts its document on the classpath. */
    public static final String RESOURCE = "openapi/gme-describe-record-info.yaml";
    /** A system property naming another document to read instead (the drift command's {@code --spec FILE}). */
    public static final String FILE_PROPERTY = "gme.spec.file";

    private final JsonNode document;

    private SpecSchemas(JsonNode document) {
        this.document = document;
    }

    /** The document on the classpath, or the file that {@value #FILE_PROPERTY} names. */
    public static SpecSchemas load() {
        String file = System.getProperty(FILE_PROPERTY, "");
        if (!file.isEmpty()) {
            try (InputStream in = Files.newInputStream(Paths.get(file))) {
                return new SpecSchemas(new ObjectMapper(new YAMLFactory()).readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spec " + file + " given by -D" + FILE_PROPERTY, e);
            }
        }
        try (InputStream in = SpecSchemas.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (it ships in api-spec's jar)");
            }
            return new SpecSchemas(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The properties of a component schema, in document order, with their schemas. Empty when it has none. */
    public Map<String, JsonNode> properties(String schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode node = document.path("components").path("schemas").path(schema).path("properties");
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            properties.put(property.getKey(), property.getValue());
        }
        return properties;
    }

    /**
     * Every property the action's request body and success answer can carry, as {@code Schema.Property}, reached from
     * the operation's request and 200 response schemas through {@code $ref}s and array items.
     */
    public Set<String> actionProperties() {
        JsonNode operation = document.path("paths").path("/").path("post");
        Deque<String> schemas = new ArrayDeque<>();
        schemas.add(referenced(operation.path("requestBody").path("content").path("application/json").path("schema")));
        schemas.add(referenced(operation.path("responses").path("200").path("content").path("application/json")
                .path("schema")));
        Set<String> seen = new LinkedHashSet<>();
        Set<String> properties = new LinkedHashSet<>();
        while (!schemas.isEmpty()) {
            String schema = schemas.poll();
            if (schema == null || !seen.add(schema)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> property : properties(schema).entrySet()) {
                properties.add(schema + "." + property.getKey());
                String nested = referenced(property.getValue());
                if (nested == null) {
                    nested = referenced(property.getValue().path("items"));
                }
                if (nested != null) {
                    schemas.add(nested);
                }
            }
        }
        return properties;
    }

    /**
     * The property's type as the generator sees it: {@code string}, {@code integer}, {@code boolean}, {@code number},
     * {@code ref:Schema} or {@code array:Schema} (or {@code array:type} for scalar items).
     */
    public String type(String schema, String property) {
        JsonNode node = properties(schema).get(property);
        if (node == null) {
            throw new IllegalArgumentException(schema + "." + property + " is not in the spec");
        }
        if (referenced(node) != null) {
            return "ref:" + referenced(node);
        }
        if ("array".equals(node.path("type").asText())) {
            String items = referenced(node.path("items"));
            return "array:" + (items != null ? items : node.path("items").path("type").asText());
        }
        return node.path("type").asText();
    }

    private static String referenced(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
