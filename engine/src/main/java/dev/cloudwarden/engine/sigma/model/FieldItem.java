package dev.cloudwarden.engine.sigma.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code field|mod1|mod2: values}. {@code field} is null for keyword items (a bare list, or the
 * {@code '|all':} form) which search the whole record. Values are as YAML typed them: String, Long,
 * Double, Boolean, or null (a JSON-null-or-missing test). Values are OR-ed unless {@link Modifier#ALL}.
 */
public record FieldItem(String field, List<Modifier> modifiers, List<Object> values, SourceLocation location)
        implements DetectionNode {
    public FieldItem {
        modifiers = List.copyOf(modifiers);
        values = Collections.unmodifiableList(new ArrayList<>(values)); // may hold null
    }

    public boolean isKeyword() {
        return field == null;
    }

    /** The key as written: {@code field|mod1|mod2}. */
    public String key() {
        StringBuilder sb = new StringBuilder(field == null ? "" : field);
        modifiers.forEach(m -> sb.append('|').append(m.id()));
        return sb.toString();
    }
}
