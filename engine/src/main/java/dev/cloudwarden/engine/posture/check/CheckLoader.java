package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.Owner;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a check file:
 * <pre>
 * framework: terraform          # defaults for every check below
 * layer: paas
 * owner: customer
 * checks:
 *   - id: CW_AWS_S3_PUBLIC_ACL
 *     title: S3 bucket ACL does not grant public access
 *     severity: high
 *     resource_types: [aws_s3_bucket]
 *     benchmarks: {cis_aws: ["2.1.5"]}
 *     equivalents: {checkov: [CKV_AWS_20], prowler: [s3_bucket_public_access]}
 *     threats: [T3]
 *     remediation: Set the ACL to private and turn on S3 Block Public Access.
 *     applies: has(r.acl)                                # optional
 *     pass: "!(r.acl in ['public-read', 'public-read-write'])"
 * </pre>
 * A bad check is an error naming the file, line and reason; the file's other checks still load.
 */
public final class CheckLoader {
    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]{2,80}");
    private static final Set<String> FILE_KEYS = Set.of("framework", "layer", "owner", "checks");
    private static final Set<String> CHECK_KEYS = Set.of("id", "title", "severity", "framework", "resource_types",
            "layer", "owner", "benchmarks", "equivalents", "threats", "remediation", "applies", "pass", "exposes");

    /** The checks that loaded and the errors of those that did not. */
    public record Loaded(List<Check> checks, List<CheckFileException> errors) {
    }

    public Loaded load(String file, String text) {
        List<Check> checks = new ArrayList<>();
        List<CheckFileException> errors = new ArrayList<>();
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new FailsafeSchema())
                .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10).setBufferSize(Math.max(1024, text.length() + 2))
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            errors.add(new CheckFileException(Location.of(file, line), "not YAML: " + e.getProblem()));
            return new Loaded(checks, errors);
        } catch (YamlEngineException e) {
            errors.add(new CheckFileException(Location.of(file, 0), "not YAML: " + e.getMessage()));
            return new Loaded(checks, errors);
        }
        try {
            Map<String, Node> top = mapping(file, root.orElseThrow(() -> new CheckFileException(Location.of(file, 0),
                    "empty file")), FILE_KEYS);
            Node list = top.get("checks");
            if (!(list instanceof SequenceNode seq)) {
                throw new CheckFileException(at(file, list == null ? root.get() : list), "'checks' must be a list");
            }
            for (Node item : seq.getValue()) {
                try {
                    checks.add(check(file, item, top));
                } catch (CheckFileException e) {
                    errors.add(e);
                }
            }
        } catch (CheckFileException e) {
            errors.add(e);
        }
        return new Loaded(checks, errors);
    }

    private Check check(String file, Node node, Map<String, Node> defaults) throws CheckFileException {
        Map<String, Node> c = mapping(file, node, CHECK_KEYS);
        String id = required(file, c, "id", node);
        if (!ID.matcher(id).matches()) {
            throw new CheckFileException(at(file, c.get("id")), "check id '" + id + "' must be upper-case letters, digits and _");
        }
        Level severity = Level.parse(required(file, c, "severity", node)).orElseThrow(() -> new CheckFileException(
                at(file, c.get("severity")), "severity must be one of informational, low, medium, high, critical"));
        Framework framework = parse(file, inherited(c, defaults, "framework"), "framework", node, Framework::of);
        Layer layer = parse(file, inherited(c, defaults, "layer"), "layer", node, Layer::of);
        Owner owner = parse(file, inherited(c, defaults, "owner"), "owner", node, Owner::of);
        Condition condition = condition(file, id, c, node);
        return new Check(id, required(file, c, "title", node), severity, framework,
                Set.copyOf(strings(file, c.get("resource_types"))), layer, owner, lists(file, c.get("benchmarks")),
                lists(file, c.get("equivalents")), strings(file, c.get("threats")),
                Optional.ofNullable(optional(file, c, "remediation")).orElse(""), condition, at(file, node));
    }

    /**
     * {@code pass} (and {@code applies}) in CEL, or {@code exposes: [ports]} ({@code exposes: all}: one rule opens every
     * port): exactly one of the two kinds.
     */
    private static Condition condition(String file, String id, Map<String, Node> c, Node node) throws CheckFileException {
        if (c.containsKey("exposes")) {
            if (c.containsKey("pass") || c.containsKey("applies")) {
                throw new CheckFileException(at(file, c.get("exposes")), "check " + id + ": give either exposes or pass, not both");
            }
            List<Long> ports = new ArrayList<>();
            List<String> given = strings(file, c.get("exposes"));
            if (given.equals(List.of("all"))) {
                return new ExposureCondition(List.of());
            }
            for (String p : given) {
                try {
                    long port = Long.parseLong(p);
                    if (port < 0 || port > 65535) {
                        throw new NumberFormatException();
                    }
                    ports.add(port);
                } catch (NumberFormatException e) {
                    throw new CheckFileException(at(file, c.get("exposes")), "check " + id + ": '" + p + "' is not a port");
                }
            }
            return new ExposureCondition(ports);
        }
        String applies = optional(file, c, "applies");
        String pass = required(file, c, "pass", node);
        try {
            return CelCondition.compile(applies, pass);
        } catch (IllegalArgumentException e) {
            String where = applies != null && compiles(pass) ? "applies" : "pass";
            throw new CheckFileException(at(file, c.get(where)), "check " + id + ": " + e.getMessage());
        }
    }

    private static boolean compiles(String expression) {
        try {
            CelCondition.compile(null, expression);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String file, Node value, String key, Node owner, Parser<T> parser) throws CheckFileException {
        if (!(value instanceof ScalarNode s)) {
            throw new CheckFileException(at(file, value == null ? owner : value), "'" + key + "' is required (here or at the top of the file)");
        }
        try {
            return parser.parse(s.getValue());
        } catch (IllegalArgumentException e) {
            throw new CheckFileException(at(file, value), e.getMessage());
        }
    }

    private static Node inherited(Map<String, Node> check, Map<String, Node> file, String key) {
        return check.containsKey(key) ? check.get(key) : file.get(key);
    }

    private static Map<String, Node> mapping(String file, Node node, Set<String> allowed) throws CheckFileException {
        if (!(node instanceof MappingNode m)) {
            throw new CheckFileException(at(file, node), "expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new CheckFileException(at(file, t.getKeyNode()), "keys must be plain strings");
            }
            if (!allowed.contains(k.getValue())) {
                throw new CheckFileException(at(file, k), "unknown key '" + k.getValue() + "' (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
            out.put(k.getValue(), t.getValueNode());
        }
        return out;
    }

    private static String required(String file, Map<String, Node> m, String key, Node owner) throws CheckFileException {
        String v = optional(file, m, key);
        if (v == null || v.isBlank()) {
            throw new CheckFileException(at(file, owner), "'" + key + "' is required");
        }
        return v;
    }

    private static String optional(String file, Map<String, Node> m, String key) throws CheckFileException {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            throw new CheckFileException(at(file, n), "'" + key + "' must be a string");
        }
        return s.getValue();
    }

    private static List<String> strings(String file, Node n) throws CheckFileException {
        if (n == null) {
            return List.of();
        }
        if (n instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(n instanceof SequenceNode seq)) {
            throw new CheckFileException(at(file, n), "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw new CheckFileException(at(file, item), "expected a string");
            }
            out.add(s.getValue());
        }
        return out;
    }

    private static Map<String, List<String>> lists(String file, Node n) throws CheckFileException {
        if (n == null) {
            return Map.of();
        }
        if (!(n instanceof MappingNode m)) {
            throw new CheckFileException(at(file, n), "expected a mapping of lists");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new CheckFileException(at(file, t.getKeyNode()), "keys must be plain strings");
            }
            out.put(k.getValue(), strings(file, t.getValueNode()));
        }
        return out;
    }

    private static Location at(String file, Node node) {
        return Location.of(file, node.getStartMark().map(m -> m.getLine() + 1).orElse(0));
    }
}
