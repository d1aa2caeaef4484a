package dev.cloudwarden.engine.sigma.compile;

import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.List;

/** Lists of generated rule texts for the property tests: each rule's {@code $ID} becomes an id of its own. */
final class GeneratedRules {
    private GeneratedRules() {
    }

    static Arbitrary<List<String>> numbered(Arbitrary<String> rule) {
        return rule.list().ofMinSize(1).ofMaxSize(6).map(list -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).replace("$ID", "00000000-0000-0000-0000-" + String.format("%012d", i)));
            }
            return out;
        });
    }
}
