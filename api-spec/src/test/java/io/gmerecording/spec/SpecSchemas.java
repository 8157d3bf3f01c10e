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
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The actions' schemas as the OpenAPI documents that api-spec ships declare them (one document per action, each a
 * {@code POST /} on the wire), for tests in every module that check something against the spec (coverage, drift, the
 * emulator). A test fixture: published in the test-jar.
 */
public final class SpecSchemas {

    /** Where api-spec puts its documents on the classpath, one per action. */
    public static final List<String> RESOURCES = List.of("openapi/gme-describe-record-info.yaml",
            "openapi/gme-start-record.yaml", "openapi/gme-stop-record.yaml", "openapi/gme-modify-record-info.yaml",
            "openapi/gme-describe-task-info.yaml");
    /** A system property naming another document to read instead (the drift command's {@code --spec FILE}). */
    public static final String FILE_PROPERTY = "gme.spec.file";

    private final List<JsonNode> documents;

    private SpecSchemas(List<JsonNode> documents) {
        this.documents = documents;
    }

    /** The documents on the classpath, or the one file that {@value #FILE_PROPERTY} names. */
    public static SpecSchemas load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        String file = System.getProperty(FILE_PROPERTY, "");
        if (!file.isEmpty()) {
            try (InputStream in = Files.newInputStream(Paths.get(file))) {
                return new SpecSchemas(List.of(yaml.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spec " + file + " given by -D" + FILE_PROPERTY, e);
            }
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String resource : RESOURCES) {
            try (InputStream in = SpecSchemas.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not on the classpath (it ships in api-spec's jar)");
                }
                documents.add(yaml.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new SpecSchemas(documents);
    }

    /** The actions the documents describe ({@code X-TC-Action}), in the order of {@link #RESOURCES}. */
    public List<String> actions() {
        List<String> actions = new ArrayList<>();
        for (JsonNode document : documents) {
            for (JsonNode parameter : document.path("paths").path("/").path("post").path("parameters")) {
                if (parameter.path("name").asText().equals("X-TC-Action")) {
                    actions.add(parameter.path("schema").path("enum").path(0).asText());
                }
            }
        }
        return actions;
    }

    /**
     * The properties of a component schema, in document order, with their schemas; the first document that has the
     * schema tells (a schema shared by several actions, such as ApiError, is the same in each). Empty when none has.
     */
    public Map<String, JsonNode> properties(String schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (JsonNode document : documents) {
            JsonNode node = document.path("components").path("schemas").path(schema);
            if (!node.isMissingNode()) {
                for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
                    properties.put(property.getKey(), property.getValue());
                }
                return properties;
            }
        }
        return properties;
    }

    /**
     * Every property the actions' request bodies and success answers can carry, as {@code Schema.Property}, reached
     * from each operation's request and 200 response schemas through {@code $ref}s and array items.
     */
    public Set<String> actionProperties() {
        Set<String> properties = new LinkedHashSet<>();
        for (JsonNode document : documents) {
            properties.addAll(propertiesOf(document));
        }
        return properties;
    }

    private Set<String> propertiesOf(JsonNode document) {
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
