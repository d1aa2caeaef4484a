package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import dev.cloudwarden.engine.sigma.model.Modifier;
import dev.cloudwarden.engine.sigma.model.SourceLocation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An item's many contains-values share one Aho-Corasick automaton; it must decide exactly as testing
 * each value on its own does, cased or not, with wildcards and Unicode folding in the mix.
 */
class ContainsAutomatonPropertiesTest {

    @Property(tries = 500)
    void theAutomatonAgreesWithValueByValueMatching(@ForAll("values") List<Object> values, @ForAll("texts") String text,
                                                    @ForAll boolean cased) throws RuleSemanticException {
        List<Modifier> mods = cased ? List.of(Modifier.CONTAINS, Modifier.CASED) : List.of(Modifier.CONTAINS);
        SourceLocation at = SourceLocation.file("t.yml");
        ItemMatcher merged = ValuePatterns.compile(new FieldItem("f", mods, values, at), "f", SigmaConfig.defaults());
        String json = "{\"f\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        boolean expected = false;
        for (Object v : values) {
            ItemMatcher single = ValuePatterns.compile(new FieldItem("f", mods, List.of(v), at), "f", SigmaConfig.defaults());
            expected |= single.test(RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(merged.test(RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8)))).as("%s in %s", values, text)
                .isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Object>> values() {
        return Arbitraries.strings().withChars("abAB?*ßSs").ofMinLength(1).ofMaxLength(4)
                .list().ofMinSize(4).ofMaxSize(9).map(l -> new ArrayList<>(l));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abABßSs xy").ofMaxLength(12);
    }
}
