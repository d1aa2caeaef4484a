package dev.cloudwarden.engine.sigma.parse;

import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.sigma.model.Modifier;
import dev.cloudwarden.engine.sigma.model.RuleLogSource;
import dev.cloudwarden.engine.sigma.model.SigmaFilter;
import dev.cloudwarden.engine.sigma.model.RuleGrouping;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.model.SourceLocation;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import dev.cloudwarden.engine.event.Timespan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses Sigma YAML (one or more documents per file) into detection, correlation and filter rules. Rule
 * files are untrusted: the YAML loader runs with alias, size and duplicate-key limits, and every problem
 * is reported with its file:line:column and its path in the rule; a bad document never stops the others.
 */
public final class RuleParser {
    /** Far above any real rule (the largest SigmaHQ rule is under 100 KB). */
    static final int MAX_CODE_POINTS = 2 * 1024 * 1024;

    /** What a file held: the rules that parsed and the problems of those that did not. */
    public record Result(List<SigmaRule> rules, List<CorrelationRule> correlations, List<SigmaFilter> filters,
                         List<RuleError> errors) {
    }

    public Result parse(String file, String text) {
        List<SigmaRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(20)
                // The whole file in one read buffer: the loader mishandles a surrogate pair (an emoji) that
                // straddles two buffers (IndexOutOfBoundsException in StreamReader.update, 2.9 and 2.10).
                .setBufferSize(Math.max(1024, text.length() + 2))
                .build();
        YamlNodes yaml = new YamlNodes(file);
        if (text.length() > MAX_CODE_POINTS) {
            // Checked here rather than by the loader's own limit, which trips over its read buffer (2.9, 2.10).
            errors.add(new RuleError(RuleErrorCode.YAML_SYNTAX, "file is larger than " + MAX_CODE_POINTS
                    + " characters; not a rule", "", SourceLocation.file(file)));
            return new Result(rules, correlations, filters, errors);
        }
        try {
            for (Node doc : new Compose(settings).composeAllFromString(text)) {
                try {
                    document(doc, yaml, rules, correlations, filters);
                } catch (RuleParseException e) {
                    errors.add(e.error);
                }
            }
        } catch (MarkedYamlEngineException e) {
            SourceLocation at = e.getProblemMark()
                    .map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1))
                    .orElse(SourceLocation.file(file));
            errors.add(new RuleError(RuleErrorCode.YAML_SYNTAX, e.getProblem() == null ? e.getMessage() : e.getProblem(),
                    "", at));
        } catch (YamlEngineException e) {
            errors.add(new RuleError(RuleErrorCode.YAML_SYNTAX, firstLine(e.getMessage()), "", SourceLocation.file(file)));
        } catch (RuntimeException loaderBug) {
            // The YAML library must not take the whole rule set down with it.
            errors.add(new RuleError(RuleErrorCode.YAML_SYNTAX, "YAML loader failed: " + loaderBug, "",
                    SourceLocation.file(file)));
        }
        return new Result(rules, correlations, filters, errors);
    }

    private void document(Node doc, YamlNodes yaml, List<SigmaRule> rules, List<CorrelationRule> correlations,
                          List<SigmaFilter> filters) throws RuleParseException {
        if (YamlNodes.isNull(doc)) {
            return; // an empty document, e.g. after a trailing '---'
        }
        if (!(doc instanceof MappingNode root)) {
            throw yaml.error(RuleErrorCode.NOT_A_RULE, "a rule must be a YAML mapping", "", doc);
        }
        Map<String, NodeTuple> e = yaml.entries(root);
        if (e.containsKey("action")) {
            throw yaml.error(RuleErrorCode.NOT_A_RULE, "Sigma 1.0 rule collections ('action: "
                    + yaml.optionalString(e, "action") + "') are not part of Sigma 2; split them into rules", "action",
                    e.get("action").getKeyNode());
        }
        if (e.containsKey("correlation")) {
            correlations.add(correlation(e, yaml, root));
        } else if (e.containsKey("filter")) {
            filters.add(filter(e, yaml, root));
        } else if (e.containsKey("detection")) {
            rules.add(rule(e, yaml, root));
        } else {
            throw yaml.error(RuleErrorCode.NOT_A_RULE, "no detection, correlation or filter section", "", root);
        }
    }

    private SigmaRule rule(Map<String, NodeTuple> e, YamlNodes yaml, MappingNode root) throws RuleParseException {
        String title = required(e, "title", yaml, root);
        RuleLogSource logSource = logSource(e, yaml, root);
        MappingNode detection = yaml.mapping(requiredNode(e, "detection", yaml, root), "detection");
        Detection d = detection(detection, "detection", yaml);
        Level level = level(e, yaml);
        List<SigmaRule.Related> related = new ArrayList<>();
        NodeTuple rel = e.get("related");
        if (rel != null && rel.getValueNode() instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof MappingNode m) {
                    Map<String, NodeTuple> r = yaml.entries(m);
                    related.add(new SigmaRule.Related(yaml.optionalString(r, "id"), yaml.optionalString(r, "type")));
                }
            }
        }
        return new SigmaRule(title, yaml.optionalString(e, "id"), yaml.optionalString(e, "name"),
                yaml.optionalString(e, "status"), yaml.optionalString(e, "description"),
                yaml.optionalString(e, "author"), yaml.optionalString(e, "date"), yaml.optionalString(e, "modified"),
                yaml.stringList(e, "references"), logSource, d.identifiers, d.conditions, d.conditionTexts, level,
                yaml.stringList(e, "tags"), yaml.stringList(e, "fields"), yaml.stringList(e, "falsepositives"),
                related, grouping(e, yaml), yaml.at(root));
    }

    /** The {@code grouping:} custom attribute ({@link RuleGrouping}), or null. */
    private static RuleGrouping grouping(Map<String, NodeTuple> e, YamlNodes yaml) throws RuleParseException {
        NodeTuple t = e.get("grouping");
        if (t == null || YamlNodes.isNull(t.getValueNode())) {
            return null;
        }
        MappingNode m = yaml.mapping(t.getValueNode(), "grouping");
        Map<String, NodeTuple> g = yaml.entries(m);
        String period = yaml.optionalString(g, "period");
        return new RuleGrouping(yaml.stringList(g, "by"),
                period == null ? null : timespan(period, g.get("period").getValueNode(), yaml, "grouping.period"));
    }

    private SigmaFilter filter(Map<String, NodeTuple> e, YamlNodes yaml, MappingNode root) throws RuleParseException {
        String title = required(e, "title", yaml, root);
        RuleLogSource logSource = logSource(e, yaml, root);
        MappingNode filter = yaml.mapping(e.get("filter").getValueNode(), "filter");
        Map<String, NodeTuple> f = yaml.entries(filter);
        List<String> rules = yaml.stringList(f, "rules");
        if (rules.isEmpty()) {
            throw yaml.error(RuleErrorCode.MISSING_FIELD, "a filter must name the rules it applies to", "filter.rules", filter);
        }
        Detection d = detection(filter, "filter", yaml);
        return new SigmaFilter(title, yaml.optionalString(e, "id"), yaml.optionalString(e, "name"),
                yaml.optionalString(e, "description"), rules, logSource, d.identifiers, d.conditions, yaml.at(root));
    }

    private CorrelationRule correlation(Map<String, NodeTuple> e, YamlNodes yaml, MappingNode root)
            throws RuleParseException {
        String title = required(e, "title", yaml, root);
        MappingNode corr = yaml.mapping(e.get("correlation").getValueNode(), "correlation");
        Map<String, NodeTuple> c = yaml.entries(corr);
        String typeText = required(c, "type", yaml, corr);
        CorrelationRule.Type type;
        try {
            type = CorrelationRule.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw yaml.error(RuleErrorCode.INVALID_FIELD, "unknown correlation type '" + typeText + "'; known: "
                    + java.util.Arrays.stream(CorrelationRule.Type.values()).map(CorrelationRule.Type::id).toList(),
                    "correlation.type", c.get("type").getValueNode());
        }
        List<String> rules = yaml.stringList(c, "rules");
        if (rules.isEmpty()) {
            throw yaml.error(RuleErrorCode.MISSING_FIELD, "a correlation must name the rules it correlates",
                    "correlation.rules", corr);
        }
        Node spanNode = requiredNode(c, "timespan", yaml, corr);
        Duration timespan = timespan(yaml.string(spanNode, "correlation.timespan"), spanNode, yaml);
        CorrelationRule.Threshold threshold = null;
        NodeTuple cond = c.get("condition");
        if (cond != null) {
            threshold = threshold(yaml.mapping(cond.getValueNode(), "correlation.condition"), yaml);
        } else if (type != CorrelationRule.Type.TEMPORAL && type != CorrelationRule.Type.TEMPORAL_ORDERED) {
            throw yaml.error(RuleErrorCode.MISSING_FIELD, type.id() + " needs a condition", "correlation.condition", corr);
        }
        if (type.needsField() && (threshold == null || threshold.field() == null)) {
            throw yaml.error(RuleErrorCode.MISSING_FIELD, type.id() + " needs 'field' in its condition",
                    "correlation.condition.field", cond == null ? corr : cond.getValueNode());
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        NodeTuple al = c.get("aliases");
        if (al != null && !YamlNodes.isNull(al.getValueNode())) {
            for (Map.Entry<String, NodeTuple> alias : yaml.entries(yaml.mapping(al.getValueNode(), "correlation.aliases")).entrySet()) {
                Map<String, String> perRule = new LinkedHashMap<>();
                for (Map.Entry<String, NodeTuple> r : yaml.entries(yaml.mapping(alias.getValue().getValueNode(),
                        "correlation.aliases." + alias.getKey())).entrySet()) {
                    perRule.put(r.getKey(), yaml.string(r.getValue().getValueNode(),
                            "correlation.aliases." + alias.getKey() + "." + r.getKey()));
                }
                aliases.put(alias.getKey(), perRule);
            }
        }
        boolean generate = false;
        NodeTuple gen = c.containsKey("generate") ? c.get("generate") : e.get("generate");
        if (gen != null && gen.getValueNode() instanceof ScalarNode s && YamlNodes.scalarValue(s) instanceof Boolean b) {
            generate = b;
        }
        return new CorrelationRule(title, yaml.optionalString(e, "id"), yaml.optionalString(e, "name"),
                yaml.optionalString(e, "status"), yaml.optionalString(e, "description"), level(e, yaml),
                yaml.stringList(e, "tags"), type, rules, yaml.stringList(c, "group-by"), timespan, aliases, threshold,
                generate, yaml.at(root));
    }

    private CorrelationRule.Threshold threshold(MappingNode node, YamlNodes yaml) throws RuleParseException {
        Map<CorrelationRule.Op, Double> bounds = new EnumMap<>(CorrelationRule.Op.class);
        String field = null;
        Double percentile = null;
        for (Map.Entry<String, NodeTuple> t : yaml.entries(node).entrySet()) {
            String key = t.getKey();
            Node value = t.getValue().getValueNode();
            if (key.equals("field")) {
                field = yaml.string(value, "correlation.condition.field");
                continue;
            }
            Double number = value instanceof ScalarNode s && YamlNodes.scalarValue(s) instanceof Number n ? n.doubleValue() : null;
            if (number == null) {
                throw yaml.error(RuleErrorCode.INVALID_FIELD, "expected a number", "correlation.condition." + key, value);
            }
            if (key.equals("percentile")) {
                percentile = number;
                continue;
            }
            try {
                bounds.put(CorrelationRule.Op.valueOf(key.toUpperCase(Locale.ROOT)), number);
            } catch (IllegalArgumentException ex) {
                throw yaml.error(RuleErrorCode.INVALID_FIELD, "unknown condition operator '" + key
                        + "'; known: gt, gte, lt, lte, eq, neq", "correlation.condition." + key, t.getValue().getKeyNode());
            }
        }
        if (bounds.isEmpty()) {
            throw yaml.error(RuleErrorCode.MISSING_FIELD, "the condition needs a comparison (gt, gte, lt, lte, eq, neq)",
                    "correlation.condition", node);
        }
        return new CorrelationRule.Threshold(bounds, field, percentile);
    }

    private static Duration timespan(String text, Node node, YamlNodes yaml) throws RuleParseException {
        return timespan(text, node, yaml, "correlation.timespan");
    }

    private static Duration timespan(String text, Node node, YamlNodes yaml, String field) throws RuleParseException {
        Optional<Duration> span = Timespan.parse(text);
        if (span.isEmpty()) {
            throw yaml.error(RuleErrorCode.INVALID_FIELD, "timespan must be a positive number and one of s, m, h, d "
                    + "(e.g. 90m), got '" + text + "'", field, node);
        }
        return span.get();
    }

    /** The identifiers and condition(s) of a detection (or filter) section. */
    private record Detection(Map<String, DetectionNode> identifiers, List<Condition> conditions, List<String> conditionTexts) {
    }

    private Detection detection(MappingNode node, String path, YamlNodes yaml) throws RuleParseException {
        Map<String, DetectionNode> identifiers = new LinkedHashMap<>();
        NodeTuple conditionTuple = null;
        for (NodeTuple t : node.getValue()) {
            String name = yaml.string(t.getKeyNode(), path);
            if (name.equals("condition")) {
                conditionTuple = t;
            } else if (name.equals("rules") && path.equals("filter")) {
                continue;
            } else if (name.equals("timeframe")) {
                throw yaml.error(RuleErrorCode.CONDITION_SYNTAX, "Sigma 1.0 'timeframe' aggregations are not part of "
                        + "Sigma 2; use a correlation rule", path + ".timeframe", t.getKeyNode());
            } else {
                identifiers.put(name, identifier(t.getValueNode(), path + "." + name, yaml));
            }
        }
        if (conditionTuple == null) {
            throw yaml.error(RuleErrorCode.MISSING_FIELD, "condition missing", path + ".condition", node);
        }
        List<Condition> conditions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Node cn = conditionTuple.getValueNode();
        List<Node> conditionNodes = cn instanceof SequenceNode seq ? seq.getValue() : List.of(cn);
        for (Node c : conditionNodes) {
            String text = yaml.string(c, path + ".condition");
            texts.add(text);
            conditions.add(condition(text, c, path + ".condition", identifiers, yaml));
        }
        return new Detection(identifiers, conditions, texts);
    }

    private Condition condition(String text, Node node, String path, Map<String, DetectionNode> identifiers,
                                YamlNodes yaml) throws RuleParseException {
        if (text.contains("|")) {
            throw yaml.error(RuleErrorCode.CONDITION_SYNTAX, "Sigma 1.0 aggregation expressions ('| count() ...') are "
                    + "not part of Sigma 2; use a correlation rule", path, node);
        }
        Condition c;
        try {
            c = ConditionParser.parse(text);
        } catch (ConditionParser.ConditionSyntaxException e) {
            SourceLocation at = yaml.at(node);
            // ScalarStyle.toString() is the quote character, not the constant's name: compare the constants.
            boolean quoted = node instanceof ScalarNode s && (s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED
                    || s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED);
            SourceLocation exact = new SourceLocation(at.file(), at.line(), at.column() + e.offset() + (quoted ? 1 : 0));
            throw new RuleParseException(new RuleError(RuleErrorCode.CONDITION_SYNTAX,
                    e.getMessage() + " in '" + text + "'", path, exact));
        }
        Optional<String> undefined = undefinedReference(c, identifiers);
        if (undefined.isPresent()) {
            throw yaml.error(RuleErrorCode.UNDEFINED_IDENTIFIER, undefined.get(), path, node);
        }
        return c;
    }

    /** The first reference in the condition that names no identifier (or a pattern that matches none). */
    static Optional<String> undefinedReference(Condition c, Map<String, DetectionNode> identifiers) {
        if (c instanceof Condition.Ref r) {
            return identifiers.containsKey(r.identifier()) ? Optional.empty()
                    : Optional.of("search identifier '" + r.identifier() + "' is not defined in the detection");
        }
        if (c instanceof Condition.OfPattern p) {
            return p.pattern() == null || identifiers.keySet().stream().anyMatch(id -> Identifiers.matches(p.pattern(), id))
                    ? Optional.empty()
                    : Optional.of("no search identifier matches '" + p.pattern() + "'");
        }
        List<Condition> children = c instanceof Condition.And a ? a.operands()
                : c instanceof Condition.Or o ? o.operands() : List.of(((Condition.Not) c).operand());
        for (Condition child : children) {
            Optional<String> u = undefinedReference(child, identifiers);
            if (u.isPresent()) {
                return u;
            }
        }
        return Optional.empty();
    }

    private DetectionNode identifier(Node node, String path, YamlNodes yaml) throws RuleParseException {
        if (node instanceof MappingNode map) {
            return fieldMap(map, path, yaml);
        }
        if (node instanceof SequenceNode seq) {
            List<DetectionNode> alternatives = new ArrayList<>();
            List<Object> keywords = new ArrayList<>();
            int i = 0;
            for (Node element : seq.getValue()) {
                String at = path + "[" + i++ + "]";
                if (element instanceof MappingNode m) {
                    alternatives.add(fieldMap(m, at, yaml));
                } else if (element instanceof ScalarNode s) {
                    if (YamlNodes.isNull(s)) {
                        throw yaml.error(RuleErrorCode.INVALID_VALUE, "null is not a keyword", at, s);
                    }
                    keywords.add(YamlNodes.scalarValue(s));
                } else {
                    throw yaml.error(RuleErrorCode.INVALID_VALUE, "a list inside a list is not a detection", at, element);
                }
            }
            if (!keywords.isEmpty()) {
                alternatives.add(new FieldItem(null, List.of(), keywords, yaml.at(seq)));
            }
            // A bare keyword list is one item; a list of maps stays a list even with one map, so that error
            // paths name its element (detection.selection[0].field).
            return alternatives.size() == 1 && keywords.size() == seq.getValue().size() ? alternatives.get(0)
                    : new DetectionNode.AnyOf(alternatives);
        }
        ScalarNode s = (ScalarNode) node;
        if (YamlNodes.isNull(s)) {
            throw yaml.error(RuleErrorCode.INVALID_VALUE, "a search identifier cannot be empty", path, s);
        }
        List<Object> one = new ArrayList<>();
        one.add(YamlNodes.scalarValue(s));
        return new FieldItem(null, List.of(), one, yaml.at(s));
    }

    private DetectionNode fieldMap(MappingNode map, String path, YamlNodes yaml) throws RuleParseException {
        List<DetectionNode> items = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            String key = yaml.string(t.getKeyNode(), path);
            items.add(fieldItem(key, t, path + "." + key, yaml));
        }
        return new DetectionNode.AllOf(items);
    }

    private FieldItem fieldItem(String key, NodeTuple t, String path, YamlNodes yaml) throws RuleParseException {
        String[] parts = key.split("\\|", -1);
        String field = parts[0].isEmpty() ? null : parts[0];
        List<Modifier> modifiers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i];
            Optional<Modifier> m = Modifier.parse(name);
            if (m.isEmpty()) {
                throw yaml.error(RuleErrorCode.UNKNOWN_MODIFIER, "unknown modifier '" + name + "'"
                        + Suggestions.didYouMean(name, java.util.Arrays.stream(Modifier.values()).map(Modifier::id).toList()),
                        path, t.getKeyNode());
            }
            modifiers.add(m.get());
        }
        Node v = t.getValueNode();
        List<Object> values = new ArrayList<>();
        if (v instanceof ScalarNode s) {
            values.add(YamlNodes.scalarValue(s));
        } else if (v instanceof SequenceNode seq) {
            int i = 0;
            for (Node element : seq.getValue()) {
                if (!(element instanceof ScalarNode s)) {
                    throw yaml.error(RuleErrorCode.INVALID_VALUE, "values must be plain scalars", path + "[" + i + "]", element);
                }
                Object value = YamlNodes.scalarValue(s);
                if (value == null && seq.getValue().size() > 1) {
                    throw yaml.error(RuleErrorCode.INVALID_VALUE, "null cannot be part of a list of values; give it a "
                            + "selection of its own", path + "[" + i + "]", element);
                }
                values.add(value);
                i++;
            }
            if (values.isEmpty()) {
                throw yaml.error(RuleErrorCode.INVALID_VALUE, "an empty list of values matches nothing", path, v);
            }
        } else {
            throw yaml.error(RuleErrorCode.INVALID_VALUE, "a field's value must be a scalar or a list of scalars, not a mapping",
                    path, v);
        }
        return new FieldItem(field, modifiers, values, yaml.at(t.getKeyNode()));
    }

    private static RuleLogSource logSource(Map<String, NodeTuple> e, YamlNodes yaml, MappingNode root)
            throws RuleParseException {
        MappingNode ls = yaml.mapping(requiredNode(e, "logsource", yaml, root), "logsource");
        Map<String, NodeTuple> l = yaml.entries(ls);
        return new RuleLogSource(lower(yaml.optionalString(l, "category")), lower(yaml.optionalString(l, "product")),
                lower(yaml.optionalString(l, "service")));
    }

    private static Level level(Map<String, NodeTuple> e, YamlNodes yaml) throws RuleParseException {
        String text = yaml.optionalString(e, "level");
        if (text == null) {
            return null;
        }
        return Level.parse(text).orElseThrow(() -> yaml.error(RuleErrorCode.INVALID_FIELD, "unknown level '" + text
                + "'; known: informational, low, medium, high, critical", "level", e.get("level").getValueNode()));
    }

    private static String required(Map<String, NodeTuple> e, String key, YamlNodes yaml, Node parent) throws RuleParseException {
        return yaml.string(requiredNode(e, key, yaml, parent), key);
    }

    private static Node requiredNode(Map<String, NodeTuple> e, String key, YamlNodes yaml, Node parent)
            throws RuleParseException {
        NodeTuple t = e.get(key);
        if (t == null || YamlNodes.isNull(t.getValueNode())) {
            throw yaml.error(RuleErrorCode.MISSING_FIELD, key + " missing", key, parent);
        }
        return t.getValueNode();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable YAML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
