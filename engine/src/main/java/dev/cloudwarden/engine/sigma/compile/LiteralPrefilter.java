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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which of a group's rules a record can match at all, judged by the literals each requires
 * ({@link dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator#requiredLiterals()}): per field, one Aho-Corasick
 * automaton over every rule's literals for it runs once over each of the record's folded values there (for keyword
 * searches, over every keyword target), and a rule stays a candidate only if one of its literals turned up. Rules
 * that require no literal always stay. On a syslog line that no rule is about, this replaces running every rule by
 * one pass over the message. Immutable and thread-safe.
 */
final class LiteralPrefilter {
    private final BitSet always = new BitSet();
    private final BitSet filtered = new BitSet();
    private final List<FieldAutomaton> automata = new ArrayList<>();

    /** The literals required at one field (null: keyword targets), each with the rules that require it. */
    private record FieldAutomaton(FieldPath field, AhoCorasickDoubleArrayTrie<BitSet> trie) {
    }

    /**
     * @param rules    the group's rules, by index
     * @param consider the rules to prefilter; the others are always candidates (the index narrows them already)
     */
    LiteralPrefilter(List<LoadedRule> rules, BitSet consider) {
        Map<FieldPath, Map<String, BitSet>> byField = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Optional<Set<Literal>> required = consider.get(i) ? rules.get(i).evaluator().requiredLiterals() : Optional.empty();
            if (required.isEmpty()) {
                always.set(i);
                continue;
            }
            filtered.set(i); // with no alternatives at all the rule cannot match: it never becomes a candidate
            for (Literal l : required.get()) {
                byField.computeIfAbsent(l.field(), f -> new TreeMap<>()).computeIfAbsent(l.folded(), k -> new BitSet()).set(i);
            }
        }
        byField.forEach((field, literals) -> {
            AhoCorasickDoubleArrayTrie<BitSet> trie = new AhoCorasickDoubleArrayTrie<>();
            trie.build(literals);
            automata.add(new FieldAutomaton(field, trie));
        });
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
        for (FieldAutomaton a : automata) {
            for (JsonNode v : ItemMatcher.values(record, a.field())) {
                String text = FieldValues.text(v);
                if (text != null) {
                    AhoCorasickDoubleArrayTrie.IHit<BitSet> hit = (begin, end, rules) -> possible.or(rules);
                    a.trie().parseText(CaseFold.fold(text), hit);
                }
            }
        }
        candidates.and(possible);
    }
}
