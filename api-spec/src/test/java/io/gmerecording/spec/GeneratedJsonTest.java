package io.gmerecording.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema the actions reach has a generated streaming reader and writer ({@code ModelJson}) that read and write
 * every property, as Jackson's data binding of the generated model does: a property or an operation added to the spec
 * gets both with no code by hand, and a template that dropped one fails here naming the schema.
 */
class GeneratedJsonTest {

    private static final String MODELS = "io.gmerecording.spec.model.";
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonMapper BINDING = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    static Stream<String> schemas() {
        Set<String> schemas = new TreeSet<>();
        for (String property : SpecSchemas.load().actionProperties()) {
            schemas.add(property.substring(0, property.indexOf('.')));
        }
        return schemas.stream();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void readsAndWritesEveryPropertyAsDataBindingDoes(String schema) throws Exception {
        Class<?> model = Class.forName(MODELS + schema);
        Class<?> json = Class.forName(MODELS + schema + "Json");
        Object everything = populated(model);
        byte[] bound = BINDING.writeValueAsBytes(everything);

        Object read;
        try (JsonParser parser = JSON.createParser(bound)) {
            read = json.getMethod("read", JsonParser.class, com.fasterxml.jackson.core.JsonToken.class)
                    .invoke(null, parser, parser.nextToken());
        }
        assertThat(read).as(new String(bound, StandardCharsets.UTF_8)).isEqualTo(everything);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(written)) {
            json.getMethod("write", JsonGenerator.class, model).invoke(null, generator, everything);
        }
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(new String(bound, StandardCharsets.UTF_8));
        assertThat(BINDING.readValue(written.toByteArray(), model)).isEqualTo(everything);
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void anAbsentPropertyIsLeftOutAndReadBackAsNull(String schema) throws Exception {
        Class<?> model = Class.forName(MODELS + schema);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(written)) {
            Class.forName(MODELS + schema + "Json").getMethod("write", JsonGenerator.class, model)
                    .invoke(null, generator, model.getConstructor().newInstance());
        }
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    /** A model whose every {@code @JsonProperty} setter got a value: text, a number, a list of one, a nested model. */
    static <T> T populated(Class<T> model) throws ReflectiveOperationException {
        T instance = model.getConstructor().newInstance();
        List<Method> setters = Stream.of(model.getMethods())
                .filter(method -> method.getAnnotation(JsonProperty.class) != null)
                .filter(method -> method.getName().startsWith("set") && method.getParameterCount() == 1)
                .collect(Collectors.toList());
        assertThat(setters).as("setters of " + model.getSimpleName()).isNotEmpty();
        for (Method setter : setters) {
            String property = setter.getAnnotation(JsonProperty.class).value();
            setter.invoke(instance, sample(setter.getParameterTypes()[0], setter.getGenericParameterTypes()[0],
                    property));
        }
        return instance;
    }

    private static Object sample(Class<?> type, Type generic, String property) throws ReflectiveOperationException {
        if (type == String.class) {
            return property + "-value";
        }
        if (type == Long.class) {
            return (long) property.length() * 1_000_003L;
        }
        if (type == List.class) {
            Class<?> item = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
            return List.of(sample(item, item, property));
        }
        if (type.getName().startsWith(MODELS)) {
            return populated(type);
        }
        throw new AssertionError("no sample value for " + property + " of type " + type.getName()
                + ": the spec uses a type the generated readers do not know (streaming_json.mustache)");
    }
}
