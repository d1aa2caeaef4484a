package dev.cloudwarden.engine.posture.check;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelAttribute;
import dev.cel.runtime.CelAttributePattern;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Unknown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource as a CEL condition reads it: {@code r} (its attributes), {@code resource} (type, name, id, file),
 * {@code refs} and {@code referrers} (the same for the resources it refers to and that refer to it, each with its own
 * {@code r}), and {@code computed} (the attribute paths set from another resource's computed value, see
 * {@link #computed}). Every {@link Unknown} value is left out of the data and named instead as an unknown attribute pattern
 * at its exact path ({@code r.versioning[0].enabled}), so CEL's partial evaluation reports the condition unknown only
 * when its answer depends on it: {@code a || unknown} is still true when {@code a} is.
 */
record CelInput(Map<String, Object> variables, List<CelAttributePattern> unknowns) {
    static CelInput of(ConfigResource resource, List<ConfigResource> refs, List<ConfigResource> referrers) {
        List<CelAttributePattern> unknowns = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>();
        variables.put("r", plain(resource.attributes(), CelAttributePattern.fromQualifiedIdentifier("r"), unknowns));
        variables.put("resource", describe(resource));
        variables.put("refs", related(refs, "refs", unknowns));
        variables.put("referrers", related(referrers, "referrers", unknowns));
        variables.put("computed", computed(resource.attributes(), "", new ArrayList<>()));
        return new CelInput(variables, List.copyOf(unknowns));
    }

    private static List<Object> related(List<ConfigResource> resources, String variable, List<CelAttributePattern> unknowns) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            ConfigResource x = resources.get(i);
            Map<String, Object> entry = describe(x);
            CelAttributePattern at = CelAttributePattern.fromQualifiedIdentifier(variable)
                    .qualify(CelAttribute.Qualifier.ofInt(i)).qualify(CelAttribute.Qualifier.ofString("r"));
            entry.put("r", plain(x.attributes(), at, unknowns));
            out.add(entry);
        }
        return out;
    }

    private static Map<String, Object> describe(ConfigResource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.type());
        m.put("name", r.name());
        m.put("id", r.id());
        m.put("file", r.location().file());
        return m;
    }

    /**
     * The dotted paths ({@code kms_key_id}, {@code encryption.kms_key_arn}; list positions left out) whose value is
     * computed from another resource: an {@link Unknown} that references one ({@code aws_kms_key.logs.arn}). Such a
     * value is set, to something only the provider knows, so {@code 'kms_key_id' in computed} lets a check say "a key
     * is given" where reading the value would be unknown; a variable without a value is not in it.
     */
    private static List<String> computed(Object value, String path, List<String> out) {
        if (value instanceof Unknown u) {
            if (!u.references().isEmpty() && !path.isEmpty() && !out.contains(path)) {
                out.add(path);
            }
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> computed(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> computed(v, path, out));
        }
        return out;
    }

    /** Plain data (no unknowns: parsed JSON) as CEL values: nulls become CEL's null. */
    static Object data(Object value) {
        return plain(value, CelAttributePattern.fromQualifiedIdentifier("data"), new ArrayList<>());
    }

    /** The value with unknowns replaced by null and recorded as patterns at their paths. */
    private static Object plain(Object value, CelAttributePattern at, List<CelAttributePattern> unknowns) {
        if (value instanceof Unknown) {
            unknowns.add(at);
            return NullValue.NULL_VALUE;
        }
        if (value == null) {
            return NullValue.NULL_VALUE; // CEL's null; a Java null reads as a value it does not have
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, plain(v, at.qualify(CelAttribute.Qualifier.ofString((String) k)), unknowns)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                copy.add(plain(l.get(i), at.qualify(CelAttribute.Qualifier.ofInt(i)), unknowns));
            }
            return copy;
        }
        return value;
    }
}
