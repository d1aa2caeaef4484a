package dev.cloudwarden.engine.sigma.convert;

import com.google.re2j.Pattern;
import dev.cloudwarden.engine.sigma.eval.SigmaString;
import dev.cloudwarden.engine.sigma.eval.ValuePattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One {@link ValuePattern} (a rule value with its modifiers applied, as {@code ValuePatterns} built it) as a
 * DuckDB test. Most patterns hold when some value at the field satisfies them ({@link Each}); presence tests
 * and negations look at the list as a whole ({@link Whole}).
 */
final class PatternSql {
    private PatternSql() {
    }

    /** A test over a value list. */
    sealed interface Test permits Each, Whole {
        /** This test on the list {@code list} (an expression of type JSON[]). */
        String on(String list);

        /** False for presence tests, which read the record rather than the values. */
        boolean readsValues();
    }

    /** Holds when some element {@code v} of the list satisfies {@code element}. */
    record Each(String element) implements Test {
        @Override
        public String on(String list) {
            return DuckDbSyntax.ANY.formatted(list, "v", element);
        }

        @Override
        public boolean readsValues() {
            return true;
        }
    }

    /** A test of the list as a whole. */
    record Whole(UnaryOperator<String> test, boolean readsValues) implements Test {
        Whole(UnaryOperator<String> test) {
            this(test, true);
        }

        @Override
        public String on(String list) {
            return test.apply(list);
        }
    }

    static Test of(ValuePattern p) throws UnsupportedByBackendException {
        if (p instanceof ValuePattern.StringMatch s) {
            return new Each(stringMatch(SigmaString.parse(s.source()), s.cased()));
        }
        if (p instanceof ValuePattern.Equals e) {
            String text = DuckDbSyntax.FOLDED_EQUALS.formatted(text("v"), SqlLiterals.string(e.text()));
            return new Each(e.number() == null ? text
                    : DuckDbSyntax.GROUP.formatted(numberIs("v", "=", e.number()) + DuckDbSyntax.OR + text));
        }
        if (p instanceof ValuePattern.Regex r) {
            return new Each(DuckDbSyntax.REGEX.formatted(text("v"), SqlLiterals.string(flags(r.pattern()) + r.pattern().pattern())));
        }
        if (p instanceof ValuePattern.Compare c) {
            String op = switch (c.op()) {
                case LT -> "<";
                case LTE -> "<=";
                case GT -> ">";
                case GTE -> ">=";
            };
            return new Each(numberIs("v", op, c.bound()));
        }
        if (p instanceof ValuePattern.IsNull) {
            return new Whole(list -> DuckDbSyntax.GROUP.formatted(DuckDbSyntax.NONE.formatted(list) + DuckDbSyntax.OR
                    + DuckDbSyntax.ANY.formatted(list, "v", DuckDbSyntax.IS_JSON_NULL.formatted("v"))));
        }
        if (p instanceof ValuePattern.Exists e) {
            String present = ValueLists.present(e.field());
            String test = e.expected() ? present : DuckDbSyntax.NOT.formatted(DuckDbSyntax.GROUP.formatted(present));
            return new Whole(list -> test, false);
        }
        if (p instanceof ValuePattern.FieldRef f) {
            String other = ValueLists.values(f.other());
            String equal = f.cased() ? DuckDbSyntax.EQUALS.formatted(text("v"), text("w"))
                    : DuckDbSyntax.FOLDED_EQUALS.formatted(text("v"), text("w"));
            return new Each(DuckDbSyntax.ANY.formatted(other, "w", equal));
        }
        if (p instanceof ValuePattern.Neq n) {
            Test inner = of(n.inner());
            return new Whole(list -> DuckDbSyntax.GROUP.formatted(
                    DuckDbSyntax.ANY.formatted(list, "v", DuckDbSyntax.IS_NOT_JSON_NULL.formatted("v")) + DuckDbSyntax.AND
                    + DuckDbSyntax.NOT.formatted(DuckDbSyntax.GROUP.formatted(inner.on(list)))));
        }
        if (p instanceof ValuePattern.Not n) {
            Test inner = of(n.inner());
            return new Whole(list -> DuckDbSyntax.NOT.formatted(DuckDbSyntax.GROUP.formatted(inner.on(list))));
        }
        if (p instanceof ValuePattern.AnyOf any) {
            return anyOf(any.alternatives());
        }
        if (p instanceof ValuePattern.ContainsAny many) {
            return anyOf(List.copyOf(many.originals())); // SQL has no automaton: the same test, value by value
        }
        if (p instanceof ValuePattern.Cidr) {
            throw new UnsupportedByBackendException("cidr (DuckDB has no built-in IP address type; the inet extension "
                    + "is not bundled, and a text match would not parse addresses as the engine does)");
        }
        if (p instanceof ValuePattern.TimePart t) {
            throw new UnsupportedByBackendException(t.unit().name().toLowerCase(java.util.Locale.ROOT)
                    + " (time modifiers read timestamps in several formats, each in its own offset; DuckDB's casts do not)");
        }
        throw new AssertionError(p);
    }

    /** Alternatives: one test on each element when all are element tests, else the alternatives OR-ed. */
    static Test anyOf(List<? extends ValuePattern> alternatives) throws UnsupportedByBackendException {
        List<Test> tests = new ArrayList<>();
        for (ValuePattern a : alternatives) {
            tests.add(of(a));
        }
        return or(tests);
    }

    static Test or(List<Test> tests) {
        if (tests.size() == 1) {
            return tests.get(0);
        }
        if (tests.stream().allMatch(t -> t instanceof Each)) {
            List<String> elements = tests.stream().map(t -> ((Each) t).element()).toList();
            return new Each(String.join(DuckDbSyntax.OR, elements));
        }
        List<Test> copy = List.copyOf(tests);
        return new Whole(list -> DuckDbSyntax.GROUP.formatted(
                String.join(DuckDbSyntax.OR, copy.stream().map(t -> t.on(list)).toList())),
                copy.stream().anyMatch(Test::readsValues));
    }

    private static String stringMatch(SigmaString value, boolean cased) {
        SqlLiterals.LikePattern like = SqlLiterals.like(value);
        String text = text("v");
        if (!like.wildcards() && cased) {
            return DuckDbSyntax.EQUALS.formatted(text, SqlLiterals.string(like.literal()));
        }
        return (cased ? DuckDbSyntax.LIKE : DuckDbSyntax.ILIKE).formatted(text, like.sql());
    }

    private static String numberIs(String var, String op, double bound) {
        return DuckDbSyntax.NUMBER.formatted(var) + " " + op + " " + SqlLiterals.number(bound);
    }

    private static String text(String var) {
        return DuckDbSyntax.TEXT.formatted(var);
    }

    private static String flags(Pattern p) {
        return ((p.flags() & Pattern.CASE_INSENSITIVE) != 0 ? "(?i)" : "")
                + ((p.flags() & Pattern.MULTILINE) != 0 ? "(?m)" : "")
                + ((p.flags() & Pattern.DOTALL) != 0 ? "(?s)" : "");
    }
}
