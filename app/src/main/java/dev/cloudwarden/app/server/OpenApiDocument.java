package dev.cloudwarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.0 document of the API, made from the routes as they are registered, so it cannot list a route the
 * service does not have or miss one it has. Each operation names its least role ({@code x-cloudwarden-role}) and the
 * answers every route may give (401 without a valid token, 403 below its role).
 */
final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

    private OpenApiDocument() {
    }

    static ObjectNode of(List<ApiServer.Route> routes, String version) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "CloudWarden API").put("version", version)
                .put("description", "Detection, alerts, incidents, triage and hunting. Every request carries "
                        + "Authorization: Bearer TOKEN (cloudwarden tokens create --role ROLE); roles rise viewer < "
                        + "analyst < responder < admin.");
        doc.putObject("components").putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer");
        doc.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = doc.putObject("paths");
        for (ApiServer.Route r : routes) {
            ObjectNode path = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            ObjectNode op = path.putObject(r.method().toLowerCase(Locale.ROOT));
            op.put("summary", r.summary());
            op.put("x-cloudwarden-role", r.role().id());
            Matcher m = PATH_PARAM.matcher(r.path());
            while (m.find()) {
                op.withArray("parameters").addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("description", "Success (201 for a new comment, 202 for events taken)");
            responses.putObject("400").put("description", "A parameter or body that cannot be read, with the reason");
            responses.putObject("401").put("description", "No valid token");
            responses.putObject("403").put("description", "The token's role is below " + r.role().id());
        }
        return doc;
    }
}
