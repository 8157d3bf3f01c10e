package io.gmerecording.spec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The value rules of the generated streaming readers and writers ({@code ModelJson}): those Jackson's data binding
 * has for the generated models, so both read a body alike. A string property takes any scalar as text; an integer
 * property an integer, an integer in a string, or {@code null}, never a fraction, and a value beyond a 64-bit integer
 * is an {@link com.fasterxml.jackson.core.exc.InputCoercionException}; an object or an array property takes its shape
 * or {@code null}. Anything else is a {@link JsonParseException} saying what was expected.
 */
public final class SpecJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SpecJson() {
    }

    /**
     * One whole document read by {@code reader} ({@code null} for a JSON null).
     *
     * @throws IOException not JSON, not the shape {@code reader} reads, or anything after the value
     */
    public static <T> T read(byte[] document, ValueReader<T> reader) throws IOException {
        try (JsonParser parser = JSON.createParser(document)) {
            T read = reader.read(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more content after the value");
            }
            return read;
        }
    }

    /** A model as its JSON document, through its generated writer. */
    public static <T> byte[] write(T value, ValueWriter<T> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            writer.write(json, value);
        } catch (IOException e) {
            throw new IllegalStateException("a model could not be written to memory", e);
        }
        return bytes.toByteArray();
    }

    /** Reads one value whose first token is current, consuming the value. */
    @FunctionalInterface
    public interface ValueReader<T> {
        T read(JsonParser parser, JsonToken start) throws IOException;
    }

    /** Writes one value. */
    @FunctionalInterface
    public interface ValueWriter<T> {
        void write(JsonGenerator json, T value) throws IOException;
    }

    /** True at the start of an object, false for {@code null}; anything else is not the object the spec has. */
    public static boolean startObject(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new JsonParseException(parser, "an object was expected");
    }

    public static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw new JsonParseException(parser, "a string was expected");
        }
        return parser.getText();
    }

    public static Long integer(JsonParser parser, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_STRING:
                String text = parser.getText().trim();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new JsonParseException(parser, "an integer was expected");
                }
            default:
                throw new JsonParseException(parser, "an integer was expected");
        }
    }

    /** An array of values read by {@code item}, or {@code null} for a JSON null. */
    public static <T> List<T> list(JsonParser parser, JsonToken start, ValueReader<T> item) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return null;
        }
        if (start != JsonToken.START_ARRAY) {
            throw new JsonParseException(parser, "an array was expected");
        }
        List<T> values = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            values.add(item.read(parser, token));
        }
        return values;
    }

    public static <T> void writeList(JsonGenerator json, List<T> values, ValueWriter<T> item) throws IOException {
        json.writeStartArray();
        for (T value : values) {
            if (value == null) {
                json.writeNull();
            } else {
                item.write(json, value);
            }
        }
        json.writeEndArray();
    }
}
