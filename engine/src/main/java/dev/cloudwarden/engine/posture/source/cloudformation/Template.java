package dev.cloudwarden.engine.posture.source.cloudformation;

import java.util.Map;

/**
 * The sections of a template the evaluator reads, each as written (an absent or malformed section is empty).
 *
 * @param parameters logical name → declaration ({@code Type}, {@code Default} ...)
 * @param mappings   map name → top-level key → second-level key → value
 * @param conditions condition name → condition expression
 * @param resources  logical id → declaration ({@code Type}, {@code Properties} ...)
 */
record Template(Map<String, Object> parameters, Map<String, Object> mappings, Map<String, Object> conditions,
                Map<String, Object> resources) {

    @SuppressWarnings("unchecked")
    static Template of(Map<String, Object> root) {
        return new Template(section(root, "Parameters"), section(root, "Mappings"), section(root, "Conditions"),
                section(root, "Resources"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> root, String name) {
        return root.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The id Checkov writes for a resource of this template, or null when there is no such resource. */
    String resourceId(String logicalId) {
        if (resources.get(logicalId) instanceof Map<?, ?> r && r.get("Type") instanceof String type) {
            return type + "." + logicalId;
        }
        return null;
    }
}
