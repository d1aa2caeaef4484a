package dev.cloudwarden.engine.posture.source.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.terraform.JsonTree.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Terraform plan as {@code terraform show -json plan.out} writes it (or a state, {@code terraform show -json}): each
 * resource of {@code planned_values} (root module and nested child modules) with its planned {@code values}; what
 * {@code resource_changes[].change.after_unknown} marks is {@link Unknown} ("known after apply").
 *
 * <p>Ids are Terraform's addresses, which are what Checkov reports for plans: {@code aws_s3_bucket.b},
 * {@code aws_s3_bucket.b[0]}, {@code aws_s3_bucket.b["k"]}, {@code module.m.aws_s3_bucket.b}; a data source drops the
 * {@code data.} prefix from its id (as for configuration files) and has type {@code data.TYPE}. References come from
 * the {@code configuration} section's expression {@code references}, as addresses without instance keys.
 */
public final class TerraformPlanSource implements ConfigSource.PerFile {
    static final long MAX_FILE_BYTES = 200L << 20;

    @Override
    public String name() {
        return "terraform_plan";
    }

    @Override
    public boolean accepts(Path file, String head) {
        Path name = file.getFileName();
        if (name == null || !name.toString().endsWith(".json") || name.toString().endsWith(".tf.json")) {
            return false;
        }
        String h = head.stripLeading();
        return h.startsWith("{") && h.contains("\"format_version\"")
                && (h.contains("\"planned_values\"") || h.contains("\"terraform_version\""));
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        String display = file.displayName();
        Node root;
        try {
            if (Files.size(file.path()) > MAX_FILE_BYTES) {
                return ParsedConfig.failed(new ParseProblem(Location.of(display, 0), "plan file too large"));
            }
            root = JsonTree.parse(new String(Files.readAllBytes(file.path()), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            return ParsedConfig.failed(new ParseProblem(Location.of(display, line),
                    "invalid JSON: " + e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            return ParsedConfig.failed(new ParseProblem(Location.of(display, 0), "cannot read: " + e.getMessage()));
        }
        if (root == null || !(root.value() instanceof Map)) {
            return ParsedConfig.failed(new ParseProblem(Location.of(display, 1), "a plan must be a JSON object"));
        }
        Node values = root.get("planned_values");
        if (values == null) {
            values = root.get("values");
        }
        Node rootModule = values == null ? null : values.get("root_module");
        if (rootModule == null) {
            return new ParsedConfig(List.of(), List.of());
        }
        Map<String, Node> afterUnknown = afterUnknown(root);
        Map<String, List<String>> references = new HashMap<>();
        Node configuration = root.get("configuration");
        if (configuration != null && configuration.get("root_module") != null) {
            configurationReferences(configuration.get("root_module"), "", references, 0);
        }
        List<ConfigResource> out = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        module(rootModule, display, afterUnknown, references, out, problems, 0);
        return new ParsedConfig(out, problems);
    }

    private static Map<String, Node> afterUnknown(Node root) {
        Map<String, Node> out = new HashMap<>();
        Node changes = root.get("resource_changes");
        if (changes == null) {
            return out;
        }
        for (Node change : changes.array()) {
            String address = change.get("address") == null ? null : change.get("address").text();
            Node c = change.get("change");
            Node unknown = c == null ? null : c.get("after_unknown");
            if (address != null && unknown != null) {
                out.put(address, unknown);
            }
        }
        return out;
    }

    private void module(Node module, String display, Map<String, Node> afterUnknown,
                        Map<String, List<String>> references, List<ConfigResource> out, List<ParseProblem> problems,
                        int depth) {
        if (depth > 50) {
            return;
        }
        Node resources = module.get("resources");
        if (resources != null) {
            for (Node r : resources.array()) {
                ConfigResource resource = resource(r, display, afterUnknown, references);
                if (resource == null) {
                    problems.add(new ParseProblem(new Location(display, r.line(), r.endLine()),
                            "a planned resource without address, type and name"));
                } else {
                    out.add(resource);
                }
            }
        }
        Node children = module.get("child_modules");
        if (children != null) {
            for (Node child : children.array()) {
                module(child, display, afterUnknown, references, out, problems, depth + 1);
            }
        }
    }

    private static ConfigResource resource(Node r, String display, Map<String, Node> afterUnknown,
                                           Map<String, List<String>> references) {
        String address = text(r, "address");
        String type = text(r, "type");
        String name = text(r, "name");
        if (address == null || type == null || name == null) {
            return null;
        }
        boolean data = "data".equals(text(r, "mode"));
        Node valuesNode = r.get("values");
        Object values = valuesNode == null ? new LinkedHashMap<String, Object>() : valuesNode.plain();
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = values instanceof Map<?, ?> m ? (Map<String, Object>) m
                : new LinkedHashMap<>();
        Node unknown = afterUnknown.get(address);
        if (unknown != null) {
            markUnknown(attributes, unknown, address, 0);
        }
        String modulePath = modulePath(address);
        String id = data ? address.replaceFirst("^((?:module\\.[^.\\[]+(?:\\[[^\\]]*\\])?\\.)*)data\\.", "$1") : address;
        String configAddress = stripIndexes(modulePath) + (data ? "data." : "") + type + "." + name;
        List<String> refs = references.getOrDefault(configAddress, List.of());
        return new ConfigResource(Framework.TERRAFORM, data ? "data." + type : type, name, id,
                new Location(display, r.line(), r.endLine()), attributes, refs, List.of());
    }

    /** {@code module.a["x"].module.b.} for {@code module.a["x"].module.b.aws_s3_bucket.c[0]}; empty at the root. */
    static String modulePath(String address) {
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (address.startsWith("module.", i)) {
            int end = i + "module.".length();
            while (end < address.length() && address.charAt(end) != '.' && address.charAt(end) != '[') {
                end++;
            }
            end = skipIndex(address, end);
            if (end >= address.length() || address.charAt(end) != '.') {
                break;
            }
            path.append(address, i, end + 1);
            i = end + 1;
        }
        return path.toString();
    }

    private static int skipIndex(String s, int at) {
        if (at < s.length() && s.charAt(at) == '[') {
            boolean quoted = false;
            for (int j = at + 1; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '\\' && quoted) {
                    j++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    return j + 1;
                }
            }
            return s.length();
        }
        return at;
    }

    static String stripIndexes(String address) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < address.length()) {
            if (address.charAt(i) == '[') {
                i = skipIndex(address, i);
            } else {
                out.append(address.charAt(i++));
            }
        }
        return out.toString();
    }

    /** {@code after_unknown} mirrors the values: {@code true} where the value is known only after apply. */
    @SuppressWarnings("unchecked")
    private static Object markUnknown(Object value, Node unknown, String address, int depth) {
        if (depth > 100) {
            return value;
        }
        if (Boolean.TRUE.equals(unknown.value())) {
            return new Unknown("known after apply (" + address + ")", List.of());
        }
        if (unknown.value() instanceof Map && value instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            for (Map.Entry<String, Node> e : unknown.object().entrySet()) {
                map.put(e.getKey(), markUnknown(map.get(e.getKey()), e.getValue(), address, depth + 1));
            }
        } else if (unknown.value() instanceof Map && value == null) {
            Map<String, Object> map = new LinkedHashMap<>();
            boolean any = false;
            for (Map.Entry<String, Node> e : unknown.object().entrySet()) {
                Object v = markUnknown(null, e.getValue(), address, depth + 1);
                if (v != null) {
                    map.put(e.getKey(), v);
                    any = true;
                }
            }
            return any ? map : null;
        } else if (unknown.value() instanceof List && value instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            List<Node> marks = unknown.array();
            for (int i = 0; i < marks.size(); i++) {
                if (i < list.size()) {
                    list.set(i, markUnknown(list.get(i), marks.get(i), address, depth + 1));
                } else if (Boolean.TRUE.equals(marks.get(i).value())) {
                    list.add(new Unknown("known after apply (" + address + ")", List.of()));
                }
            }
        }
        return value;
    }

    /** Every {@code references} list under a configuration resource's expressions, as resource addresses. */
    private static void configurationReferences(Node module, String prefix, Map<String, List<String>> out,
                                                int depth) {
        if (depth > 50) {
            return;
        }
        Node resources = module.get("resources");
        if (resources != null) {
            for (Node r : resources.array()) {
                String address = text(r, "address");
                if (address == null) {
                    continue;
                }
                Set<String> refs = new LinkedHashSet<>();
                collect(r.get("expressions"), prefix, refs, 0);
                out.put(prefix + address, List.copyOf(refs));
            }
        }
        Node calls = module.get("module_calls");
        if (calls != null) {
            for (Map.Entry<String, Node> call : calls.object().entrySet()) {
                Node child = call.getValue().get("module");
                if (child != null) {
                    configurationReferences(child, prefix + "module." + call.getKey() + ".", out, depth + 1);
                }
            }
        }
    }

    private static void collect(Node n, String prefix, Set<String> refs, int depth) {
        if (n == null || depth > 100) {
            return;
        }
        if (n.value() instanceof Map) {
            for (Map.Entry<String, Node> e : n.object().entrySet()) {
                if (e.getKey().equals("references")) {
                    for (Node r : e.getValue().array()) {
                        String address = address(r.text());
                        if (address != null) {
                            refs.add(prefix + address);
                        }
                    }
                } else {
                    collect(e.getValue(), prefix, refs, depth + 1);
                }
            }
        } else if (n.value() instanceof List) {
            for (Node x : n.array()) {
                collect(x, prefix, refs, depth + 1);
            }
        }
    }

    /** {@code aws_s3_bucket.b.id} and {@code aws_s3_bucket.b[0]} name {@code aws_s3_bucket.b}; {@code var.x} none. */
    static String address(String reference) {
        if (reference == null) {
            return null;
        }
        String[] parts = stripIndexes(reference).split("\\.");
        if (parts.length < 2) {
            return null;
        }
        switch (parts[0]) {
            case "var", "local", "count", "each", "path", "terraform", "self":
                return null;
            case "module":
                return "module." + parts[1];
            case "data":
                return parts.length < 3 ? null : "data." + parts[1] + "." + parts[2];
            default:
                return parts[0] + "." + parts[1];
        }
    }

    private static String text(Node n, String key) {
        Node v = n.get(key);
        return v == null ? null : v.text();
    }
}
