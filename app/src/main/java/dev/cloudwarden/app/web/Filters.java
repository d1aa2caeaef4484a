package dev.cloudwarden.app.web;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list page's filters as the request gave them (the list API's own query parameters), and the links that keep
 * them: a facet's link changes one filter, the next page's link adds the cursor.
 */
public record Filters(String path, Map<String, String> given) {
    static Filters of(Context ctx, String path, List<String> names) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : names) {
            String v = ctx.queryParam(name);
            if (v != null && !v.isBlank()) {
                given.put(name, v);
            }
        }
        return new Filters(path, Map.copyOf(given));
    }

    /** The filter's value, or the empty string. */
    public String get(String name) {
        return given.getOrDefault(name, "");
    }

    /** This list with {@code name=value} in place of that filter's current value. */
    public String with(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(given);
        changed.put(name, value);
        return path + "?" + query(changed);
    }

    /** This list as filtered now (the link a form posts back to). */
    public String self() {
        return path + "?" + query(given);
    }

    /** The next page's link, or null when there is none. */
    public String next(String cursor) {
        if (cursor == null) {
            return null;
        }
        Map<String, String> changed = new LinkedHashMap<>(given);
        changed.put("cursor", cursor);
        return path + "?" + query(changed);
    }

    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        new java.util.TreeMap<>(params).forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(Fmt.url(k)).append('=')
                .append(Fmt.url(v)));
        return q.toString();
    }
}
