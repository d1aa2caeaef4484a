package dev.cloudwarden.engine.sigma.convert;

import dev.cloudwarden.engine.sigma.eval.RuleSemanticException;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.eval.ValuePatterns;
import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.Identifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts Sigma detection rules into DuckDB SQL: a boolean expression over one JSON column, {@code json}, as
 * {@code read_ndjson_objects(path)} and {@code read_json_objects(path)} produce it (one record per row).
 *
 * <p>The SQL means what the reference interpreter means (DESIGN.md, "Sigma semantics we hold to"): every
 * field item goes through {@link ValuePatterns#compile}, so modifiers, wildcards, encodings and expansions
 * are the interpreter's own, and only their last step, the test on a value, is written in SQL. Logic is
 * two-valued (every test is TRUE or FALSE, never NULL). Known differences, all about unusual data:
 * <ul>
 *   <li>case-insensitive matching uses DuckDB's {@code ILIKE}/{@code lower()}, a simple per-character
 *       mapping, where the engine folds fully: {@code straße} does not equal {@code STRASSE} here;</li>
 *   <li>a JSON number is seen as text as DuckDB prints it: {@code 1e-7} and {@code 123456789.5}, where
 *       Jackson writes {@code 1.0E-7} and {@code 1.234567895E8} (matters only for string patterns on
 *       non-integer numbers), and objects compared as text are DuckDB's compact JSON;</li>
 *   <li>arrays nested in arrays deeper than {@link ValueLists#ARRAY_DEPTH} levels on a field's path stop the
 *       query with an error; dotted-key priority is chosen per record, not per array element
 *       ({@link ValueLists}); records must be JSON objects;</li>
 *   <li>keyword searches read the record as DuckDB's compact JSON plus every value in it, as the engine does.</li>
 * </ul>
 * {@code cidr} and the time modifiers are refused with an {@link UnsupportedByBackendException}.
 * Immutable and thread-safe.
 */
public final class DuckDbConverter {
    private final SigmaConfig config;

    public DuckDbConverter(SigmaConfig config) {
        this.config = config;
    }

    /** The rule's detection as a SQL boolean expression over the column {@code json}. */
    public String condition(SigmaRule rule) throws UnsupportedByBackendException, RuleSemanticException {
        Map<String, String> identifiers = new LinkedHashMap<>();
        for (Map.Entry<String, DetectionNode> e : rule.identifiers().entrySet()) {
            identifiers.put(e.getKey(), node(e.getValue(), "detection." + e.getKey(), rule));
        }
        List<String> conditions = new ArrayList<>();
        for (Condition c : rule.conditions()) {
            conditions.add(condition(c, identifiers, true));
        }
        return conditions.size() == 1 ? conditions.get(0) : join(conditions, DuckDbSyntax.OR);
    }

    /**
     * One query counting, per rule, the records of an NDJSON file it matches: a column per rule, named by
     * its key, in the order given.
     */
    public static String countQuery(String ndjsonPath, List<ConvertedRule> rules) {
        return countQuery(rules, DuckDbSyntax.READ_NDJSON.formatted(SqlLiterals.string(ndjsonPath)));
    }

    /** Like {@link #countQuery(String, List)} over any relation with a JSON column {@code json}. */
    public static String countQuery(List<ConvertedRule> rules, String from) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no rules to count");
        }
        List<String> columns = new ArrayList<>();
        for (ConvertedRule r : rules) {
            columns.add(DuckDbSyntax.COUNT.formatted(r.condition(), SqlLiterals.identifier(r.key())));
        }
        return DuckDbSyntax.SELECT.formatted(String.join(",\n       ", columns), from);
    }

    /** A SQL string literal (for callers building their own {@code FROM}). */
    public static String quote(String text) {
        return SqlLiterals.string(text);
    }

    /** A quoted SQL identifier (for callers naming their own columns and tables). */
    public static String quoteIdentifier(String name) {
        return SqlLiterals.identifier(name);
    }

    private String node(DetectionNode node, String path, SigmaRule rule) throws UnsupportedByBackendException,
            RuleSemanticException {
        if (node instanceof FieldItem item) {
            String itemPath = item.isKeyword() ? path : path + "." + item.key();
            try {
                return ItemSql.of(ValuePatterns.compile(item, itemPath, config));
            } catch (UnsupportedByBackendException e) {
                throw e.at(rule.source() + ": " + itemPath);
            }
        }
        boolean all = node instanceof DetectionNode.AllOf;
        List<DetectionNode> children = all ? ((DetectionNode.AllOf) node).items() : ((DetectionNode.AnyOf) node).items();
        if (children.isEmpty()) {
            return all ? DuckDbSyntax.TRUE : DuckDbSyntax.FALSE;
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (DetectionNode child : children) {
            parts.add(node(child, all ? path : path + "[" + i++ + "]", rule));
        }
        return parts.size() == 1 ? parts.get(0) : join(parts, all ? DuckDbSyntax.AND : DuckDbSyntax.OR);
    }

    private static String condition(Condition c, Map<String, String> identifiers, boolean top) {
        if (c instanceof Condition.Ref r) {
            return identifiers.get(r.identifier());
        }
        if (c instanceof Condition.And and) {
            return join(and.operands().stream().map(o -> condition(o, identifiers, false)).toList(), DuckDbSyntax.AND);
        }
        if (c instanceof Condition.Or or) {
            return join(or.operands().stream().map(o -> condition(o, identifiers, false)).toList(), DuckDbSyntax.OR);
        }
        if (c instanceof Condition.Not not) {
            return DuckDbSyntax.NOT.formatted(DuckDbSyntax.GROUP.formatted(condition(not.operand(), identifiers, false)));
        }
        if (c instanceof Condition.OfPattern of) {
            List<String> selected = new ArrayList<>();
            for (Map.Entry<String, String> e : identifiers.entrySet()) {
                String name = e.getKey();
                if (of.pattern() == null ? !name.startsWith("_") : Identifiers.matches(of.pattern(), name)) {
                    selected.add(e.getValue());
                }
            }
            if (selected.isEmpty()) {
                return DuckDbSyntax.FALSE; // the interpreter: no identifier selected holds for neither form
            }
            return selected.size() == 1 ? selected.get(0) : join(selected, of.all() ? DuckDbSyntax.AND : DuckDbSyntax.OR);
        }
        throw new AssertionError(c);
    }

    private static String join(List<String> parts, String op) {
        return DuckDbSyntax.GROUP.formatted(String.join(op, parts));
    }
}
