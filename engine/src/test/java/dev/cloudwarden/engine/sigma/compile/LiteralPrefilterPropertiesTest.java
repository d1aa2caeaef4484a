package dev.cloudwarden.engine.sigma.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
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

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The literal prefilter may turn a rule away only when the rule cannot match: on random syslog-like records and
 * random rules that pin no field (contains, startswith, endswith, wildcards, keywords, regular expressions, cased,
 * all, not, "1 of" and "all of"), drawn from words full of case-folding traps (ß and SS, the capital ẞ, final and
 * medial sigma, the Kelvin sign, the long s, the dotted capital I) and characters far outside ASCII, a rule group
 * decides exactly as the plain interpreter does, rule by rule.
 */
class LiteralPrefilterPropertiesTest {
    private static final List<String> FIELDS = List.of("message", "user", "program");
    private static final List<String> WORDS = List.of("Failed password for", "failed", "Accepted ", "ROOT", "root",
            "straße", "STRASSE", "STRAẞE", "ΣΊΣΥΦΟΣ", "σίσυφος", "\u212Aelvin", "kelvin", "ſtop", "STOP", "İstanbul",
            "istanbul", "a*b", "x?y", "Failed*for", "?ccepted", "port 22", " CMD (", "pkill", "10.0.0.1", "中文日志",
            "\uD83D\uDE00", "");
    private static final List<String> MODIFIERS = List.of("", "|contains", "|startswith", "|endswith", "|cased",
            "|contains|all", "|contains|cased", "|re", "|re|i", "|windash|contains", "|base64offset|contains");

    @Property(tries = 400)
    void theGroupFindsEveryMatchTheInterpreterFinds(@ForAll("rules") List<String> rules,
                                                    @ForAll("records") List<List<String>> records) {
        List<RuleFile> files = IntStream.range(0, rules.size()).mapToObj(i -> new RuleFile("r" + i + ".yml", rules.get(i))).toList();
        RuleSet set = RuleSet.compile(files, SigmaConfig.defaults());
        assertThat(set.errors()).as("generated rules must be valid").isEmpty();
        RuleGroup group = new RuleGroup(set.rules());
        for (List<String> r : records) {
            List<String> compiled = new ArrayList<>();
            group.match(record(r), rule -> compiled.add(rule.key()));
            List<String> reference = new ArrayList<>();
            for (LoadedRule rule : set.rules()) {
                if (rule.evaluator().matches(record(r))) {
                    reference.add(rule.key());
                }
            }
            assertThat(compiled).as("rules matching %s", r).isEqualTo(reference);
        }
    }

    /** A syslog line and the fields a parser cut out of it. */
    private static RawRecord record(List<String> values) {
        ObjectNode fields = Json.NODES.objectNode();
        fields.put("program", values.get(0));
        fields.put("message", values.get(1));
        if (!values.get(2).isEmpty()) {
            fields.put("user", values.get(2));
        }
        return RawRecord.ofLine("Mar 16 08:12:04 host " + values.get(0) + ": " + values.get(1), fields);
    }

    @Provide
    Arbitrary<List<List<String>>> records() {
        Arbitrary<String> text = Arbitraries.of(WORDS).list().ofMinSize(0).ofMaxSize(4).map(w -> String.join(" ", w));
        return Combinators.combine(Arbitraries.of("sshd", "CRON", "sudo"), text, Arbitraries.of(WORDS))
                .as((program, message, user) -> List.of(program, message, user)).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> rules() {
        return GeneratedRules.numbered(rule());
    }

    private Arbitrary<String> rule() {
        Arbitrary<String> field = Combinators.combine(Arbitraries.of(FIELDS), Arbitraries.of(MODIFIERS),
                Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(3)).as(this::item);
        Arbitrary<String> keywords = Arbitraries.of(WORDS).filter(w -> !w.isEmpty()).list().ofMinSize(1).ofMaxSize(3)
                .map(LiteralPrefilterPropertiesTest::keywords);
        Arbitrary<String> map = field.list().ofMinSize(1).ofMaxSize(3).map(items -> String.join("", items));
        Arbitrary<String> selection = Arbitraries.oneOf(map, map, keywords);
        Arbitrary<String> condition = Arbitraries.of("sel1", "sel1 and sel2", "sel1 or sel2", "sel1 and not sel2",
                "1 of sel*", "all of sel*", "not sel1", "(sel1 or sel2) and sel1", "1 of them");
        return Combinators.combine(selection, selection, condition).as((s1, s2, c) -> """
                title: generated
                id: $ID
                logsource:
                    product: linux
                    service: sshd
                detection:
                    sel1:
                %s    sel2:
                %s    condition: %s
                """.formatted(s1, s2, c));
    }

    private String item(String field, String modifier, List<String> values) {
        StringBuilder sb = new StringBuilder("        " + field + modifier + ":\n");
        for (String v : values) {
            // encodings take no wildcards
            String value = modifier.startsWith("|re") ? regex(v) : modifier.contains("base64") ? v.replaceAll("[*?]", "-") : v;
            sb.append("            - '").append(value.replace("'", "''")).append("'\n");
        }
        return sb.toString();
    }

    /** A regular expression with the word as its literal, and sometimes a class or an optional part around it. */
    private static String regex(String word) {
        String quoted = word.replaceAll("([\\\\.*?+()\\[\\]{}|^$])", "\\\\$1");
        return word.length() % 3 == 0 ? quoted : word.length() % 3 == 1 ? "^\\w*" + quoted : quoted + "s?\\d*";
    }

    /** A keyword list, indented under a search identifier. */
    private static String keywords(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append("        - '").append(w.replace("'", "''")).append("'\n");
        }
        return sb.toString();
    }
}
