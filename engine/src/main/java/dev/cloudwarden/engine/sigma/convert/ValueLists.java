package dev.cloudwarden.engine.sigma.convert;

import dev.cloudwarden.engine.event.FieldPath;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the values a rule sees at a field, as a DuckDB {@code JSON[]}: what {@code RawRecord.getAll} returns.
 * Arrays on the way and at the end are replaced by their elements (any element may satisfy a test), nested
 * arrays too up to {@link #ARRAY_DEPTH} levels; deeper nesting makes the query fail with an error rather than
 * answer differently. Dotted names are tried as literal keys first ({@code "a.b"} before {@code a} → {@code b}):
 * the first way of splitting the name that reaches any value wins. The interpreter makes that choice at each
 * object, so the two differ only for records that mix both spellings inside one array.
 */
final class ValueLists {
    /** Arrays inside arrays unwrapped at each step ({@code [[x]]} is two levels). */
    static final int ARRAY_DEPTH = 2;
    private static final String[] ARRAY_VARS = {"x", "y", "z"};

    private ValueLists() {
    }

    /** The values at {@code path}, arrays fanned out. */
    static String values(FieldPath path) {
        List<String> alternatives = new ArrayList<>();
        for (List<String> split : splits(path, 0)) {
            alternatives.add(unwrap(reached(split)));
        }
        return firstNonEmpty(alternatives);
    }

    /**
     * Whether the key at {@code path} is present whatever its value (a JSON null or an empty array counts):
     * some way of splitting the name reaches a node.
     */
    static String present(FieldPath path) {
        List<String> tests = new ArrayList<>();
        for (List<String> split : splits(path, 0)) {
            tests.add(DuckDbSyntax.SOME.formatted(reached(split)));
        }
        return tests.size() == 1 ? tests.get(0) : DuckDbSyntax.GROUP.formatted(String.join(DuckDbSyntax.OR, tests));
    }

    /** What keyword searches look at (see {@code ItemMatcher.keywordTargets}). */
    static String keywordTargets() {
        return DuckDbSyntax.KEYWORD_TARGETS;
    }

    /** The nodes a split reaches, before the array at its end (if any) is fanned out. */
    private static String reached(List<String> keys) {
        String list = DuckDbSyntax.ROOT_CHILD.formatted(SqlLiterals.pointer(keys.get(0)));
        for (int i = 1; i < keys.size(); i++) {
            list = DuckDbSyntax.CHILDREN.formatted(unwrap(list), SqlLiterals.pointer(keys.get(i)));
        }
        return list;
    }

    private static String unwrap(String list) {
        return DuckDbSyntax.UNWRAP.formatted(list, ARRAY_VARS[0], elements(0));
    }

    /** The elements of the value named {@code ARRAY_VARS[level]}, arrays inside unwrapped to the depth limit. */
    private static String elements(int level) {
        String var = ARRAY_VARS[level];
        if (level == ARRAY_DEPTH) {
            return DuckDbSyntax.TOO_DEEP.formatted(var, SqlLiterals.string(
                    "unsupported by the DuckDB backend: arrays nested more than " + ARRAY_DEPTH + " deep on a rule's field path"));
        }
        return DuckDbSyntax.ELEMENTS.formatted(var, ARRAY_VARS[level + 1], elements(level + 1));
    }

    private static String firstNonEmpty(List<String> alternatives) {
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < alternatives.size() - 1; i++) {
            args.add(DuckDbSyntax.UNLESS_EMPTY.formatted(alternatives.get(i)));
        }
        args.add(alternatives.get(alternatives.size() - 1));
        return DuckDbSyntax.FIRST_NON_EMPTY.formatted(String.join(", ", args));
    }

    /** Every way to read {@code path[from..]} as keys, longest literal key first (the interpreter's order). */
    static List<List<String>> splits(FieldPath path, int from) {
        List<List<String>> out = new ArrayList<>();
        for (int end = path.length(); end > from; end--) {
            String key = path.joined(from, end);
            if (end == path.length()) {
                out.add(List.of(key));
                continue;
            }
            for (List<String> rest : splits(path, end)) {
                List<String> split = new ArrayList<>();
                split.add(key);
                split.addAll(rest);
                out.add(split);
            }
        }
        return out;
    }
}
