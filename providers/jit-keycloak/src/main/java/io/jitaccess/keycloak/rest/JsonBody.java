package io.jitaccess.keycloak.rest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.keycloak.util.JsonSerialization;

/**
 * A request body read by us rather than by the framework, so malformed JSON and wrong types get our clear
 * JSON error instead of a generic one.
 */
public final class JsonBody {

    private static final int MAX_LENGTH = 64 * 1024;
    /** Strict where ambiguity could hide intent: no second value after the object, no field given twice. */
    private static final ObjectReader READER = JsonSerialization.mapper
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** Parses an object body; an empty body is an empty object. Only the given fields are allowed. */
    public static JsonBody parse(String text, Set<String> allowed) {
        if (text == null || text.isBlank()) {
            return new JsonBody(JsonSerialization.mapper.createObjectNode());
        }
        if (text.length() > MAX_LENGTH) {
            throw ApiError.of(413, "body_too_large", "The request body is larger than 64 KiB.");
        }
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (IOException e) {
            throw ApiError.of(400, "invalid_json", "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.of(400, "invalid_json", "The request body must be a JSON object.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiError.of(
                        400,
                        "invalid_input",
                        "Unknown field '" + shorten(name) + "'; expected "
                                + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
        return new JsonBody(node);
    }

    /** A string field, or null when absent or null; any other type is refused. */
    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.of(400, "invalid_input", "Field '" + field + "' must be a string.");
        }
        return value.asText();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
