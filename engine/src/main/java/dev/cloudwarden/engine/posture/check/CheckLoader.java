package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.Owner;
import dev.cloudwarden.engine.yaml.YamlFile;
import dev.cloudwarden.engine.yaml.YamlProblem;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

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

    private final boolean compileNow;

    /** A loader for the user's check files: every condition is compiled as it is read, so a bad one is named there. */
    public CheckLoader() {
        this(true);
    }

    private CheckLoader(boolean compileNow) {
        this.compileNow = compileNow;
    }

    /**
     * A loader for the built-in check files, whose CEL is compiled when a check first runs ({@link
     * CelCondition#deferred}): a test compiles every built-in condition, and listing checks then costs no compiling.
     */
    static CheckLoader deferringCompilation() {
        return new CheckLoader(false);
    }

    /** The checks that loaded and the errors of those that did not. */
    public record Loaded(List<Check> checks, List<CheckFileException> errors) {
    }

    public Loaded load(String file, String text) {
        List<Check> checks = new ArrayList<>();
        List<CheckFileException> errors = new ArrayList<>();
        try {
            YamlFile yaml = YamlFile.parse(file, text);
            Map<String, Node> top = yaml.mapping(yaml.root(), FILE_KEYS);
            Node list = top.get("checks");
            if (!(list instanceof SequenceNode seq)) {
                throw yaml.problem(list == null ? yaml.root() : list, "'checks' must be a list");
            }
            for (Node item : seq.getValue()) {
                try {
                    checks.add(check(yaml, item, top));
                } catch (YamlProblem e) {
                    errors.add(error(e));
                }
            }
        } catch (YamlProblem e) {
            errors.add(error(e));
        }
        return new Loaded(checks, errors);
    }

    private Check check(YamlFile yaml, Node node, Map<String, Node> defaults) throws YamlProblem {
        String file = yaml.file();
        Map<String, Node> c = yaml.mapping(node, CHECK_KEYS);
        String id = yaml.required(c, "id", node);
        if (!ID.matcher(id).matches()) {
            throw yaml.problem(c.get("id"), "check id '" + id + "' must be upper-case letters, digits and _");
        }
        Level severity = Level.parse(yaml.required(c, "severity", node)).orElseThrow(() -> yaml.problem(
                c.get("severity"), "severity must be one of informational, low, medium, high, critical"));
        Framework framework = parse(yaml, inherited(c, defaults, "framework"), "framework", node, Framework::of);
        Layer layer = parse(yaml, inherited(c, defaults, "layer"), "layer", node, Layer::of);
        Owner owner = parse(yaml, inherited(c, defaults, "owner"), "owner", node, Owner::of);
        Condition condition = condition(yaml, id, c, node);
        return new Check(id, yaml.required(c, "title", node), severity, framework,
                Set.copyOf(yaml.strings(c.get("resource_types"))), layer, owner, yaml.lists(c.get("benchmarks")),
                yaml.lists(c.get("equivalents")), yaml.strings(c.get("threats")),
                Optional.ofNullable(yaml.optional(c, "remediation")).orElse(""), condition, Location.of(file, YamlFile.line(node)));
    }

    /**
     * {@code pass} (and {@code applies}) in CEL, or {@code exposes: [ports]} ({@code exposes: all}: one rule opens every
     * port): exactly one of the two kinds.
     */
    private Condition condition(YamlFile yaml, String id, Map<String, Node> c, Node node) throws YamlProblem {
        if (c.containsKey("exposes")) {
            if (c.containsKey("pass") || c.containsKey("applies")) {
                throw yaml.problem(c.get("exposes"), "check " + id + ": give either exposes or pass, not both");
            }
            List<Long> ports = new ArrayList<>();
            List<String> given = yaml.strings(c.get("exposes"));
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
                    throw yaml.problem(c.get("exposes"), "check " + id + ": '" + p + "' is not a port");
                }
            }
            return new ExposureCondition(ports);
        }
        String applies = yaml.optional(c, "applies");
        String pass = yaml.required(c, "pass", node);
        if (!compileNow) {
            return CelCondition.deferred(applies, pass);
        }
        try {
            return CelCondition.compile(applies, pass);
        } catch (IllegalArgumentException e) {
            String where = applies != null && compiles(pass) ? "applies" : "pass";
            throw yaml.problem(c.get(where), "check " + id + ": " + e.getMessage());
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

    private static <T> T parse(YamlFile yaml, Node value, String key, Node owner, Parser<T> parser) throws YamlProblem {
        if (!(value instanceof ScalarNode s)) {
            throw yaml.problem(value == null ? owner : value, "'" + key + "' is required (here or at the top of the file)");
        }
        try {
            return parser.parse(s.getValue());
        } catch (IllegalArgumentException e) {
            throw yaml.problem(value, e.getMessage());
        }
    }

    private static Node inherited(Map<String, Node> check, Map<String, Node> file, String key) {
        return check.containsKey(key) ? check.get(key) : file.get(key);
    }

    private static CheckFileException error(YamlProblem p) {
        return new CheckFileException(Location.of(p.file(), p.line()), p.reason());
    }
}
