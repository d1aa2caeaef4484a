package dev.cloudwarden.engine.sigma.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.sigma.model.SourceLocation;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's test file, {@code <rule>.tests.yml} beside {@code <rule>.yml}: the rule it tests (by id, or
 * the rule in the neighbouring file) and cases, each an event written as YAML or JSON and the expected
 * verdict.
 * <pre>
 * rule: 0b9... (optional)
 * tests:
 *   - name: console login without MFA fires
 *     match: true
 *     event: {eventSource: signin.amazonaws.com, eventName: ConsoleLogin, ...}
 * </pre>
 */
public record RuleTestFile(String file, String ruleId, List<RuleTestCase> cases) {
    public RuleTestFile {
        cases = List.copyOf(cases);
    }

    /** The name a test file has for the rule file {@code rule.yml}. */
    public static String nameFor(String ruleFile) {
        return ruleFile.replaceFirst("\\.ya?ml$", "") + ".tests.yml";
    }

    /** Parses a test file; problems come back as rule errors with their location. */
    public static Result parse(String file, String text) {
        List<RuleError> errors = new ArrayList<>();
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema())
                    .setAllowDuplicateKeys(false).setMaxAliasesForCollections(20)
                    .setBufferSize(Math.max(1024, text.length() + 2)).build();
            Node root = new Compose(settings).composeString(text).orElse(null);
            if (!(root instanceof MappingNode map)) {
                errors.add(error(file, root, "a test file is a mapping with 'tests'"));
                return new Result(null, errors);
            }
            String ruleId = null;
            List<RuleTestCase> cases = new ArrayList<>();
            for (NodeTuple t : map.getValue()) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                if (key.equals("rule") && t.getValueNode() instanceof ScalarNode s) {
                    ruleId = s.getValue();
                } else if (key.equals("tests") && t.getValueNode() instanceof SequenceNode seq) {
                    int i = 0;
                    for (Node c : seq.getValue()) {
                        RuleTestCase tc = testCase(file, c, i++, errors);
                        if (tc != null) {
                            cases.add(tc);
                        }
                    }
                }
            }
            if (cases.isEmpty() && errors.isEmpty()) {
                errors.add(error(file, root, "no test cases under 'tests'"));
            }
            return new Result(new RuleTestFile(file, ruleId, cases), errors);
        } catch (YamlEngineException | ClassCastException e) {
            errors.add(new RuleError(RuleErrorCode.YAML_SYNTAX, String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    "", SourceLocation.file(file)));
            return new Result(null, errors);
        }
    }

    /** A parsed file (null when unreadable) and its problems. */
    public record Result(RuleTestFile file, List<RuleError> errors) {
    }

    private static RuleTestCase testCase(String file, Node node, int index, List<RuleError> errors) {
        if (!(node instanceof MappingNode m)) {
            errors.add(error(file, node, "test " + index + " must be a mapping with name, match and event"));
            return null;
        }
        String name = "case " + index;
        Boolean match = null;
        JsonNode event = null;
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            switch (key) {
                case "name" -> name = ((ScalarNode) t.getValueNode()).getValue();
                case "match" -> match = t.getValueNode() instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)
                        ? Boolean.parseBoolean(s.getValue().toLowerCase()) : null;
                case "event" -> event = toJson(t.getValueNode());
                default -> { }
            }
        }
        if (match == null || event == null || !event.isObject()) {
            errors.add(error(file, node, "test '" + name + "' needs 'match: true|false' and an 'event' mapping"));
            return null;
        }
        return new RuleTestCase(name, match, event, location(file, node));
    }

    /** YAML → JSON tree, keeping YAML's scalar types (numbers stay numbers). */
    static JsonNode toJson(Node node) {
        if (node instanceof MappingNode m) {
            ObjectNode o = Json.NODES.objectNode();
            for (NodeTuple t : m.getValue()) {
                o.set(((ScalarNode) t.getKeyNode()).getValue(), toJson(t.getValueNode()));
            }
            return o;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode a = Json.NODES.arrayNode();
            s.getValue().forEach(n -> a.add(toJson(n)));
            return a;
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.NULL)) {
            return Json.NODES.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return Json.NODES.booleanNode(Boolean.parseBoolean(v.toLowerCase()));
        }
        if (tag.equals(Tag.INT)) {
            try {
                return Json.NODES.numberNode(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return Json.NODES.textNode(v);
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return Json.NODES.numberNode(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return Json.NODES.textNode(v);
            }
        }
        return Json.NODES.textNode(v);
    }

    private static SourceLocation location(String file, Node node) {
        return node == null ? SourceLocation.file(file) : node.getStartMark()
                .map(mk -> new SourceLocation(file, mk.getLine() + 1, mk.getColumn() + 1)).orElse(SourceLocation.file(file));
    }

    private static RuleError error(String file, Node node, String message) {
        return new RuleError(RuleErrorCode.NOT_A_RULE, message, "tests", location(file, node));
    }
}
