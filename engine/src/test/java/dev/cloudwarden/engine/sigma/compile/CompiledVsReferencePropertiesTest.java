package dev.cloudwarden.engine.sigma.compile;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled engine (index, read-ahead of fields from the bytes) must decide exactly as the plain
 * interpreter does, on random rules and random events drawn from the same small vocabulary so they meet.
 */
class CompiledVsReferencePropertiesTest {
    private static final List<String> FIELDS = List.of("eventName", "eventSource", "userIdentity.type",
            "requestParameters.bucketName", "items.id", "n", "obj", "flag");
    private static final List<String> WORDS = List.of("GetObject", "getobject", "PutObject", "s3.amazonaws.com",
            "Root", "AssumedRole", "logs", "Logs-2", "a*b", "", "5", "10");
    private static final List<String> MODIFIERS = List.of("", "|contains", "|startswith", "|endswith", "|cased",
            "|contains|all", "|re", "|exists", "|gt", "|lte", "|neq", "|contains|cased");

    @Property(tries = 300)
    void compiledAndReferenceAgree(@ForAll("rules") List<String> rules, @ForAll("events") List<String> events) {
        List<RuleFile> files = IntStream.range(0, rules.size()).mapToObj(i -> new RuleFile("r" + i + ".yml", rules.get(i))).toList();
        RuleSet set = RuleSet.compile(files, SigmaConfig.defaults());
        assertThat(set.errors()).as("generated rules must be valid").isEmpty();
        RuleGroup group = new RuleGroup(set.rules());
        for (String json : events) {
            List<String> compiled = new ArrayList<>();
            group.match(RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8)), r -> compiled.add(r.key()));
            List<String> reference = new ArrayList<>();
            for (LoadedRule r : set.rules()) {
                if (r.evaluator().matches(RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8)))) {
                    reference.add(r.key());
                }
            }
            assertThat(compiled).as("rules matching %s (index on %s)", json, group.indexField()).isEqualTo(reference);
        }
    }

    @Provide
    Arbitrary<List<String>> rules() {
        return GeneratedRules.numbered(rule());
    }

    private Arbitrary<String> rule() {
        Arbitrary<String> item = Combinators.combine(Arbitraries.of(FIELDS), Arbitraries.of(MODIFIERS),
                Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(3)).as(this::item).filter(s -> s != null);
        Arbitrary<String> selection = item.list().ofMinSize(1).ofMaxSize(3).map(items -> String.join("", items));
        Arbitrary<String> condition = Arbitraries.of("sel1", "sel1 and sel2", "sel1 or sel2", "sel1 and not sel2",
                "1 of sel*", "all of sel*", "not sel1", "(sel1 or sel2) and sel1");
        return Combinators.combine(selection, selection, condition).as((s1, s2, c) -> """
                title: generated
                id: $ID
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    sel1:
                %s    sel2:
                %s    condition: %s
                """.formatted(s1, s2, c));
    }

    private String item(String field, String modifier, List<String> values) {
        if (modifier.equals("|exists")) {
            return "        " + field + "|exists: " + values.get(0).isEmpty() + "\n";
        }
        if (modifier.equals("|gt") || modifier.equals("|lte")) {
            return "        " + field + modifier + ": " + (values.get(0).length() % 7) + "\n";
        }
        if (modifier.equals("|re")) {
            return "        " + field + "|re: '" + (values.get(0).isEmpty() ? "^$" : "(?i)" + values.get(0).replace("*", "\\*")) + "'\n";
        }
        StringBuilder sb = new StringBuilder("        " + field + modifier + ":\n");
        for (String v : values) {
            sb.append("            - '").append(v).append("'\n");
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<List<String>> events() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of(WORDS).map(w -> "\"" + w + "\""),
                Arbitraries.integers().between(0, 12).map(String::valueOf), Arbitraries.of("true", "null", "{\"k\":\"GetObject\"}"));
        Arbitrary<String> value = Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"));
        Arbitrary<String> event = Combinators.combine(value, value, value, value, value, value, Arbitraries.integers().between(0, 255))
                .as((a, b, c, d, e, f, mask) -> {
                    List<String> parts = new ArrayList<>();
                    if ((mask & 1) != 0) parts.add("\"eventName\":" + a);
                    if ((mask & 2) != 0) parts.add("\"eventSource\":" + b);
                    if ((mask & 4) != 0) parts.add("\"userIdentity\":{\"type\":" + c + "}");
                    if ((mask & 8) != 0) parts.add("\"requestParameters\":{\"bucketName\":" + d + "}");
                    if ((mask & 16) != 0) parts.add("\"items\":[{\"id\":" + e + "},{\"id\":" + f + "}]");
                    if ((mask & 32) != 0) parts.add("\"n\":" + f);
                    if ((mask & 64) != 0) parts.add("\"obj\":{\"a\":" + a + "}");
                    if ((mask & 128) != 0) parts.add("\"flag\":" + c);
                    return "{" + String.join(",", parts) + "}";
                });
        return event.list().ofMinSize(1).ofMaxSize(8);
    }
}
