package dev.cloudwarden.simulate.cloud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an AWS Query request ({@code Action=...&Version=...&InstanceId.1=...}) and the flattened lists
 * and structures the protocol encodes in them: EC2 numbers list members directly ({@code InstanceId.1}), the other
 * Query services through {@code member} ({@code InstanceIds.member.1}).
 */
record Form(Map<String, String> params) {
    static Form parse(String body) {
        Map<String, String> p = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                p.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
        }
        return new Form(p);
    }

    String get(String name) {
        return params.get(name);
    }

    String required(String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw AwsFault.invalid("MissingParameter", "The request must contain the parameter " + name);
        }
        return v;
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(params.get(name));
    }

    /** {@code prefix.1}, {@code prefix.2}... until one is missing. */
    List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            out.add(params.get(prefix + "." + i));
        }
        return out;
    }

    /** How many {@code prefix.N.<anything>} structures there are. */
    int count(String prefix) {
        int n = 0;
        while (hasStruct(prefix + "." + (n + 1))) {
            n++;
        }
        return n;
    }

    private boolean hasStruct(String prefix) {
        String p = prefix + ".";
        return params.keySet().stream().anyMatch(k -> k.startsWith(p));
    }

    /** EC2's {@code Filter.N.Name} / {@code Filter.N.Value.M}, by name. */
    Map<String, List<String>> filters() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        for (int i = 1; i <= count("Filter"); i++) {
            f.put(params.get("Filter." + i + ".Name"), list("Filter." + i + ".Value"));
        }
        return f;
    }

    /** EC2's {@code TagSpecification.N.Tag.M.Key/Value} for one resource type, or {@code Tag.M.Key} when prefix is "". */
    Map<String, String> tags(String prefix) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; params.containsKey(prefix + "Tag." + i + ".Key"); i++) {
            tags.put(params.get(prefix + "Tag." + i + ".Key"), params.getOrDefault(prefix + "Tag." + i + ".Value", ""));
        }
        return tags;
    }

    Map<String, String> tagSpecification(String resourceType) {
        for (int i = 1; i <= count("TagSpecification"); i++) {
            if (resourceType.equals(params.get("TagSpecification." + i + ".ResourceType"))) {
                return tags("TagSpecification." + i + ".");
            }
        }
        return new LinkedHashMap<>();
    }
}
