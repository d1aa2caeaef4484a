package dev.cloudwarden.app.respond.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.engine.event.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A JSON patch (RFC 6902) of an object just read, as one recorded call. It starts by testing the
 * {@code resourceVersion} read, so the API server refuses it if the object changed between our read and our
 * write instead of overwriting the change (a node's taints are written as one list). A JSON patch rather than a merge
 * patch: a merge patch's lists are replaced on a real API server but appended to by some fakes, while a JSON patch
 * means one thing everywhere.
 */
final class JsonPatch {
    private final ArrayNode ops = Json.MAPPER.createArrayNode();
    private final Set<String> createdMaps = new HashSet<>();

    private JsonPatch(HasMetadata read) {
        String version = read.getMetadata().getResourceVersion();
        if (version != null) {
            ops.addObject().put("op", "test").put("path", "/metadata/resourceVersion").put("value", version);
        }
    }

    /** A patch of {@code read}, the object as just read. */
    static JsonPatch of(HasMetadata read) {
        return new JsonPatch(read);
    }

    /** Labels {@code read} as quarantined by this response and annotates it with the response and incident ids. */
    JsonPatch mark(HasMetadata read, ActionContext context) {
        put("/metadata/labels", read.getMetadata().getLabels(), ResponseMarks.QUARANTINE,
                ResponseMarks.label(context.responseId()));
        annotate(read, ResponseMarks.RESPONSE_ANNOTATION, context.responseId());
        return annotate(read, ResponseMarks.INCIDENT_ANNOTATION, context.incident().id());
    }

    /** Removes what {@link #mark} put. */
    JsonPatch unmark(HasMetadata read) {
        remove("/metadata/labels", read.getMetadata().getLabels(), ResponseMarks.QUARANTINE);
        removeAnnotation(read, ResponseMarks.RESPONSE_ANNOTATION);
        return removeAnnotation(read, ResponseMarks.INCIDENT_ANNOTATION);
    }

    JsonPatch annotate(HasMetadata read, String key, String value) {
        return put("/metadata/annotations", read.getMetadata().getAnnotations(), key, value);
    }

    JsonPatch removeAnnotation(HasMetadata read, String key) {
        return remove("/metadata/annotations", read.getMetadata().getAnnotations(), key);
    }

    /** Sets the member at {@code path} (its parent exists), replacing what is there. */
    JsonPatch set(String path, JsonNode value) {
        ops.addObject().put("op", "add").put("path", path).set("value", value);
        return this;
    }

    String json() {
        return ops.toString();
    }

    /** Puts {@code key} into the string map at {@code mapPath}, whose value as read is {@code current}. */
    private JsonPatch put(String mapPath, Map<String, String> current, String key, String value) {
        if (current == null && createdMaps.add(mapPath)) {
            ops.addObject().put("op", "add").put("path", mapPath).putObject("value").put(key, value);
        } else {
            ops.addObject().put("op", "add").put("path", mapPath + "/" + escape(key)).put("value", value);
        }
        return this;
    }

    private JsonPatch remove(String mapPath, Map<String, String> current, String key) {
        if (current != null && current.containsKey(key)) {
            ops.addObject().put("op", "remove").put("path", mapPath + "/" + escape(key));
        }
        return this;
    }

    /** A key as one JSON pointer segment: {@code ~} and {@code /} escaped (RFC 6901). */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Whether {@code object} carries this response's quarantine label. */
    static boolean markedBy(HasMetadata object, ActionContext context) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && ResponseMarks.label(context.responseId()).equals(labels.get(ResponseMarks.QUARANTINE));
    }
}
