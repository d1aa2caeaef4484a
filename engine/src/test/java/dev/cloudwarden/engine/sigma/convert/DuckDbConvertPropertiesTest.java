package dev.cloudwarden.engine.sigma.convert;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator;
import dev.cloudwarden.engine.sigma.eval.RuleSemanticException;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.RuleParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random small rules over random small records: the converted SQL, run in DuckDB, selects exactly the records
 * the reference interpreter matches. Values are drawn from a small pool so that matches, near misses, case
 * differences, numbers as strings, nulls, empty strings, arrays and nesting all meet. Rule values stay ASCII: for
 * non-ASCII text DuckDB's simple case mapping differs from the engine's full folding (documented on
 * {@link DuckDbConverter}); records hold {@code straße} and {@code STRASSE} to check nothing else does. No
 * value starts with {@code ?}: the interpreter's Glob loops forever on {@code *?y} against a text it does not match.
 */
class DuckDbConvertPropertiesTest {
    private static final DuckDbConverter CONVERTER = new DuckDbConverter(SigmaConfig.defaults());
    private static DuckDb db;

    @BeforeContainer
    static void open() throws Exception {
        db = new DuckDb();
    }

    @AfterContainer
    static void close() throws Exception {
        db.close();
    }

    @Property(tries = 400)
    void duckDbSelectsWhatTheInterpreterMatches(@ForAll("rules") String detection, @ForAll("records") List<String> records)
            throws Exception {
        RuleParser.Result parsed = new RuleParser().parse("random.yml",
                "title: random\nlogsource:\n    product: test\ndetection:\n" + detection.indent(4));
        Assume.that(parsed.errors().isEmpty());
        SigmaRule rule = parsed.rules().get(0);
        ReferenceEvaluator reference;
        try {
            reference = ReferenceEvaluator.of(rule, SigmaConfig.defaults());
        } catch (RuleSemanticException e) {
            Assume.that(false);
            return;
        }
        String condition = CONVERTER.condition(rule);
        List<String> rows = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            rows.add("(" + i + ", " + DuckDbConverter.quote(records.get(i)) + "::JSON)");
            expected.add(reference.matches(RawRecord.ofJson(records.get(i).getBytes(StandardCharsets.UTF_8))));
        }
        List<Boolean> actual = new ArrayList<>();
        for (List<Object> row : db.rows("SELECT " + condition + " FROM (VALUES " + String.join(", ", rows)
                + ") AS t(i, json) ORDER BY i")) {
            actual.add((Boolean) row.get(0));
        }
        assertThat(actual).as("%s%n%s", detection, String.join("\n", records)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> rules() {
        Arbitrary<String> field = Arbitraries.of("a", "b", "n.a", "n", "missing");
        Arbitrary<String> modifiers = Arbitraries.of("", "|contains", "|startswith", "|endswith", "|cased", "|contains|all",
                "|contains|cased", "|re", "|re|i", "|gt", "|lte", "|exists", "|neq");
        Arbitrary<String> value = Arbitraries.of("x", "X", "xy", "'x*'", "'x?'", "''", "'5'", "5", "5.0", "-1", "true",
                "false", "null", "'a%b'", "'a_b'", "'x\\*'", "'{\"a\":1}'", "'^x'", "'y$'");
        Arbitrary<String> item = Combinators.combine(field, modifiers, value.list().ofMinSize(1).ofMaxSize(2))
                .as((f, m, vs) -> {
                    String v = m.equals("|exists") ? (vs.get(0).equals("true") ? "true" : "false") : null;
                    if (v != null) {
                        return f + m + ": " + v;
                    }
                    StringBuilder sb = new StringBuilder(f + m + ":");
                    vs.forEach(x -> sb.append("\n    - ").append(x));
                    return sb.toString();
                });
        Arbitrary<String> selection = item.list().ofMinSize(1).ofMaxSize(2).map(items -> String.join("\n", items).indent(4));
        Arbitrary<String> keywords = Arbitraries.of("x", "'5'", "'\"a\":'", "'X?'").list().ofMinSize(1).ofMaxSize(2)
                .map(ks -> String.join("\n", ks.stream().map(k -> "    - " + k).toList()) + "\n");
        Arbitrary<String> condition = Arbitraries.of("sel1", "not sel1", "sel1 and not sel2", "1 of sel*", "all of them",
                "sel1 or keywords", "not keywords and sel2");
        return Combinators.combine(selection, selection, keywords, condition)
                .as((s1, s2, k, c) -> "sel1:\n" + s1 + "sel2:\n" + s2 + "keywords:\n" + k + "condition: " + c + "\n");
    }

    @Provide
    Arbitrary<List<String>> records() {
        Arbitrary<String> scalar = Arbitraries.of("\"x\"", "\"X\"", "\"xy\"", "\"x*\"", "\"yx\"", "\"\"", "\"5\"", "\" 5 \"",
                "5", "5.0", "5.5", "-1", "true", "false", "null", "\"a%b\"", "\"aXb\"", "\"a_b\"", "\"STRASSE\"", "\"straße\"",
                "\"{\\\"a\\\":1}\"");
        Arbitrary<String> value = Arbitraries.oneOf(scalar,
                scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                scalar.map(s -> "{\"a\":" + s + "}"),
                scalar.map(s -> "[{\"a\":" + s + "},{\"b\":" + s + "}]"));
        Arbitrary<String> record = Combinators.combine(value.optional(), value.optional(), value.optional())
                .as((a, b, n) -> {
                    List<String> members = new ArrayList<>();
                    a.ifPresent(v -> members.add("\"a\":" + v));
                    b.ifPresent(v -> members.add("\"b\":" + v));
                    n.ifPresent(v -> members.add("\"n\":" + v));
                    return "{" + String.join(",", members) + "}";
                });
        return record.list().ofMinSize(1).ofMaxSize(6);
    }
}
