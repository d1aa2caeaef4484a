package dev.cloudwarden.engine.sigma.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.eval.CaseFold;
import dev.cloudwarden.engine.sigma.eval.FieldValues;
import dev.cloudwarden.engine.sigma.eval.ItemMatcher;
import dev.cloudwarden.engine.sigma.eval.RequiredLiterals.Literal;
import dev.cloudwarden.engine.sigma.load.LoadedRule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which of a group's rules a record can match at all, judged by the literals each requires
 * ({@link dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator#requiredLiterals()}): per field, the record's values
 * there (for keyword searches, every keyword target) are checked once for all the rules' literals, and a rule stays
 * a candidate only if one of its literals turned up. Prefixes ({@code startswith}) are looked up by the value's first
 * character; literals that may occur anywhere share one Aho-Corasick automaton run over the folded value. Rules that
 * require no literal always stay. On a syslog line that no rule is about, this replaces running every rule by a
 * lookup or one pass over the message. Immutable and thread-safe.
 */
final class LiteralPrefilter {
    private final BitSet always = new BitSet();
    private final BitSet filtered = new BitSet();
    private final List<FieldLiterals> fields = new ArrayList<>();

    /**
     * @param rules    the group's rules, by index
     * @param consider the rules to prefilter; the others are always candidates (the index narrows them already)
     */
    LiteralPrefilter(List<LoadedRule> rules, BitSet consider) {
        Map<FieldPath, FieldLiterals> byField = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Optional<Set<Literal>> required = consider.get(i) ? rules.get(i).evaluator().requiredLiterals() : Optional.empty();
            if (required.isEmpty()) {
                always.set(i);
                continue;
            }
            filtered.set(i); // with no alternatives at all the rule cannot match: it never becomes a candidate
            for (Literal l : required.get()) {
                byField.computeIfAbsent(l.field(), FieldLiterals::new).add(l, i);
            }
        }
        byField.values().forEach(FieldLiterals::build);
        fields.addAll(byField.values());
    }

    /** How many rules the prefilter can turn away. */
    int filteredCount() {
        return filtered.cardinality();
    }

    /** Removes from {@code candidates} the rules that cannot match {@code record}. */
    void narrow(RawRecord record, BitSet candidates) {
        if (!candidates.intersects(filtered)) {
            return;
        }
        BitSet possible = (BitSet) always.clone();
        for (FieldLiterals f : fields) {
            for (JsonNode v : ItemMatcher.values(record, f.field)) {
                String text = FieldValues.text(v);
                if (text != null) {
                    f.search(text, possible);
                }
            }
        }
        candidates.and(possible);
    }

    /** The literals required at one field (null: keyword targets), each with the rules that require it. */
    private static final class FieldLiterals {
        final FieldPath field;
        final Map<Character, List<Prefix>> prefixes = new HashMap<>(); // by first (folded) character
        final Map<String, BitSet> anywhere = new TreeMap<>();
        AhoCorasickDoubleArrayTrie<BitSet> automaton;

        FieldLiterals(FieldPath field) {
            this.field = field;
        }

        void add(Literal l, int rule) {
            if (l.prefix()) {
                List<Prefix> sameStart = prefixes.computeIfAbsent(l.folded().charAt(0), c -> new ArrayList<>());
                Prefix p = sameStart.stream().filter(x -> x.folded.equals(l.folded())).findFirst().orElseGet(() -> {
                    Prefix made = new Prefix(l.folded(), new BitSet());
                    sameStart.add(made);
                    return made;
                });
                p.rules.set(rule);
            } else {
                anywhere.computeIfAbsent(l.folded(), k -> new BitSet()).set(rule);
            }
        }

        void build() {
            if (!anywhere.isEmpty()) {
                automaton = new AhoCorasickDoubleArrayTrie<>();
                automaton.build(anywhere);
            }
        }

        /** Adds to {@code possible} the rules one of whose literals {@code text}, once folded, holds. */
        void search(String text, BitSet possible) {
            // An ASCII text folds to its lower case, which an ASCII-insensitive comparison sees without folding it
            // (and a comparison that lets 'k' meet the Kelvin sign only lets more rules through, never fewer).
            boolean ascii = ascii(text);
            String folded = ascii && automaton == null ? null : CaseFold.fold(text);
            String start = ascii ? text : folded;
            if (!start.isEmpty()) {
                char first = start.charAt(0);
                List<Prefix> candidates = prefixes.get(ascii && first >= 'A' && first <= 'Z' ? (char) (first + 32) : first);
                if (candidates != null) {
                    for (Prefix p : candidates) {
                        if (start.regionMatches(ascii, 0, p.folded, 0, p.folded.length())) {
                            possible.or(p.rules);
                        }
                    }
                }
            }
            if (automaton != null) {
                AhoCorasickDoubleArrayTrie.IHit<BitSet> hit = (begin, end, rules) -> possible.or(rules);
                automaton.parseText(folded, hit);
            }
        }

        private static boolean ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Prefix(String folded, BitSet rules) {
    }
}
