package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Request bodies that must be one JSON object, read strictly: what does not fit is a 400 naming the field. */
final class JsonBody {
    private JsonBody() {
    }

    static JsonNode object(Context ctx, ObjectMapper json) {
        try {
            JsonNode node = json.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiException.badRequest(field + " must be a non-empty string");
        }
        return v.asText();
    }

    /** An optional string: absent or null is null; anything but a string is a 400. */
    static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return v.asText();
    }
}
