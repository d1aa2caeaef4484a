package dev.cloudwarden.engine.posture.source.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The id Checkov writes for a Kubernetes object, {@code Kind.namespace.name}, with the namespace {@code default} when
 * {@code metadata.namespace} is absent or null. An object without {@code metadata.name} is named as Checkov names it
 * when it has labels ({@code Kind.namespace.key1-value1.key2-value2}, labels in file order); Checkov drops an object
 * with neither, so this reader goes on: {@code metadata.generateName} ({@code Kind.namespace.web-}, the prefix the API
 * server completes), and last the object's first line ({@code Kind.namespace.line-12}).
 */
final class KubernetesIds {
    static final String DEFAULT_NAMESPACE = "default";

    private KubernetesIds() {
    }

    static String namespace(Map<?, ?> metadata) {
        Object ns = metadata.get("namespace");
        return ns == null ? DEFAULT_NAMESPACE : text(ns);
    }

    /** The object's name: {@code metadata.name}, else {@code metadata.generateName}, else "". */
    static String name(Map<?, ?> metadata) {
        Object name = metadata.get("name");
        if (name != null && !text(name).isEmpty()) {
            return text(name);
        }
        Object generated = metadata.get("generateName");
        return generated == null ? "" : text(generated);
    }

    static String id(String kind, Map<?, ?> metadata, int line) {
        String prefix = kind + "." + namespace(metadata) + ".";
        Object name = metadata.get("name");
        if (name != null && !text(name).isEmpty()) {
            return prefix + text(name);
        }
        if (metadata.get("labels") instanceof Map<?, ?> labels && !labels.isEmpty()) {
            List<String> parts = new ArrayList<>();
            labels.forEach((k, v) -> parts.add(k + "-" + text(v)));
            return prefix + String.join(".", parts);
        }
        Object generated = metadata.get("generateName");
        if (generated != null && !text(generated).isEmpty()) {
            return prefix + text(generated);
        }
        return prefix + "line-" + line;
    }

    /** A scalar as Checkov's Python prints it ({@code True}, {@code None}), so ids built from labels agree. */
    static String text(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v == null) {
            return "None";
        }
        return String.valueOf(v);
    }
}
