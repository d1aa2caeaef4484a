package dev.cloudwarden.bench;

import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import dev.cloudwarden.engine.sigma.model.Modifier;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.Identifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigma rule as a DuckDB user would write it by hand: {@code json_extract_string(json, '$.field')} compared with
 * {@code =}, {@code LIKE} or {@code regexp_matches}, case-sensitive, no array fan-out, and modifiers a person would
 * not bother with (encodings, CIDR, numbers) read as TRUE. Looser than the engine on purpose: it is the baseline
 * of what DuckDB costs, not a second implementation of Sigma (the exact one is {@code rules convert}).
 */
final class HandWrittenSql {
    private HandWrittenSql() {
    }

    static String condition(SigmaRule rule) {
        Map<String, String> ids = new LinkedHashMap<>();
        rule.identifiers().forEach((name, node) -> ids.put(name, node(node)));
        List<String> out = new ArrayList<>();
        for (Condition c : rule.conditions()) {
            out.add(condition(c, ids));
        }
        return join(out, " OR ");
    }

    private static String node(DetectionNode n) {
        if (n instanceof FieldItem item) {
            return item(item);
        }
        boolean all = n instanceof DetectionNode.AllOf;
        List<DetectionNode> kids = all ? ((DetectionNode.AllOf) n).items() : ((DetectionNode.AnyOf) n).items();
        if (kids.isEmpty()) {
            return all ? "TRUE" : "FALSE";
        }
        return join(kids.stream().map(HandWrittenSql::node).toList(), all ? " AND " : " OR ");
    }

    private static String item(FieldItem item) {
        if (item.isKeyword()) {
            return "TRUE";
        }
        String value = "json_extract_string(json, " + literal("$." + item.field()) + ")";
        List<Modifier> m = item.modifiers();
        if (m.contains(Modifier.EXISTS)) {
            boolean wanted = !item.values().isEmpty() && Boolean.parseBoolean(String.valueOf(item.values().get(0)));
            return value + (wanted ? " IS NOT NULL" : " IS NULL");
        }
        if (m.stream().anyMatch(x -> x != Modifier.CONTAINS && x != Modifier.STARTSWITH && x != Modifier.ENDSWITH
                && x != Modifier.ALL && x != Modifier.RE && x != Modifier.CASED)) {
            return "TRUE";
        }
        List<String> tests = new ArrayList<>();
        for (Object v : item.values()) {
            if (v == null) {
                tests.add(value + " IS NULL");
            } else if (m.contains(Modifier.RE)) {
                tests.add("coalesce(regexp_matches(" + value + ", " + literal(v.toString()) + "), FALSE)");
            } else {
                String text = v.toString();
                boolean like = m.contains(Modifier.CONTAINS) || m.contains(Modifier.STARTSWITH)
                        || m.contains(Modifier.ENDSWITH) || text.contains("*");
                if (!like) {
                    tests.add("coalesce(" + value + " = " + literal(text) + ", FALSE)");
                } else {
                    String pattern = (m.contains(Modifier.CONTAINS) || m.contains(Modifier.ENDSWITH) ? "%" : "")
                            + text.replace("%", "\\%").replace("_", "\\_").replace('*', '%')
                            + (m.contains(Modifier.CONTAINS) || m.contains(Modifier.STARTSWITH) ? "%" : "");
                    tests.add("coalesce(" + value + " LIKE " + literal(pattern) + " ESCAPE '\\', FALSE)");
                }
            }
        }
        return tests.isEmpty() ? "FALSE" : join(tests, m.contains(Modifier.ALL) ? " AND " : " OR ");
    }

    private static String condition(Condition c, Map<String, String> ids) {
        if (c instanceof Condition.Ref r) {
            return ids.get(r.identifier());
        }
        if (c instanceof Condition.And and) {
            return join(and.operands().stream().map(o -> condition(o, ids)).toList(), " AND ");
        }
        if (c instanceof Condition.Or or) {
            return join(or.operands().stream().map(o -> condition(o, ids)).toList(), " OR ");
        }
        if (c instanceof Condition.Not not) {
            return "NOT (" + condition(not.operand(), ids) + ")";
        }
        if (c instanceof Condition.OfPattern of) {
            List<String> picked = new ArrayList<>();
            ids.forEach((name, sql) -> {
                if (of.pattern() == null ? !name.startsWith("_") : Identifiers.matches(of.pattern(), name)) {
                    picked.add(sql);
                }
            });
            return picked.isEmpty() ? "FALSE" : join(picked, of.all() ? " AND " : " OR ");
        }
        throw new AssertionError(c);
    }

    private static String join(List<String> parts, String op) {
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(op, parts) + ")";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
