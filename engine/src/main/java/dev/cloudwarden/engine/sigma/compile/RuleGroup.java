package dev.cloudwarden.engine.sigma.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.ingest.json.JsonScanException;
import dev.cloudwarden.engine.ingest.json.ReadAhead;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.eval.CaseFold;
import dev.cloudwarden.engine.sigma.load.LoadedRule;

import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rules that apply to one kind of event, compiled for speed: indexed by the field most of them pin to
 * exact values (for CloudTrail, {@code eventName}), so an event only meets the rules that can match it, and
 * with the fields they test read straight from the record's bytes instead of building its tree. Rules that
 * pin no field are evaluated for every event (falco's "no event type" case) that holds one of the literals they
 * require ({@link LiteralPrefilter}): a syslog line meets only the rules whose words it contains.
 */
public final class RuleGroup {
    private static final List<String> PREFERRED_INDEX = List.of("eventName", "eventSource", "operationName",
            "protoPayload.methodName", "verb");

    private final List<LoadedRule> rules;
    private final FieldPath indexField;
    private final Map<String, BitSet> index = new HashMap<>();
    private final BitSet unindexed = new BitSet();
    private final ReadAhead.Extractor prefetcher;
    private final LiteralPrefilter prefilter;

    public RuleGroup(List<LoadedRule> rules) {
        this.rules = List.copyOf(rules);
        List<Map<String, Set<String>>> required = this.rules.stream().map(r -> RuleFields.required(r.rule())).toList();
        this.indexField = chooseIndexField(required);
        Set<FieldPath> tested = new LinkedHashSet<>();
        if (indexField != null) {
            tested.add(indexField);
        }
        for (int i = 0; i < this.rules.size(); i++) {
            Set<String> values = indexField == null ? null : required.get(i).get(indexField.text());
            if (values == null) {
                unindexed.set(i);
            } else {
                for (String v : values) {
                    index.computeIfAbsent(v, k -> new BitSet()).set(i);
                }
            }
            if (!RuleFields.hasKeywords(this.rules.get(i).rule())) {
                tested.addAll(RuleFields.tested(this.rules.get(i).rule()));
            }
        }
        this.prefetcher = new ReadAhead(tested).extractor();
        this.prefilter = new LiteralPrefilter(this.rules, unindexed);
    }

    private static FieldPath chooseIndexField(List<Map<String, Set<String>>> required) {
        Map<String, Integer> counts = new HashMap<>();
        required.forEach(r -> r.keySet().forEach(f -> counts.merge(f, 1, Integer::sum)));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparingInt(e -> -preference(e.getKey()))
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(e -> FieldPath.of(e.getKey()))
                .orElse(null);
    }

    private static int preference(String field) {
        int i = PREFERRED_INDEX.indexOf(field);
        return i < 0 ? PREFERRED_INDEX.size() : i;
    }

    /** Calls {@code matched} for each rule whose detection holds for the record, in rule order. */
    public void match(RawRecord record, Consumer<LoadedRule> matched) {
        if (!record.hasCache() && record.jsonBytes() != null && !prefetcher.slots().isEmpty()) {
            // Not read while parsing (scan passes the rules' fields to the reader): read them now.
            try {
                record.cache(prefetcher.cache(prefetcher.extractor().extract(record.jsonBytes(), Json.MAX_DEPTH)));
            } catch (JsonScanException e) {
                record.cache(null); // cannot happen for parsed records; the tree will say what is wrong
            }
        }
        BitSet candidates = (BitSet) unindexed.clone();
        if (indexField != null) {
            for (JsonNode v : record.getAll(indexField)) {
                if (v.isValueNode() && !v.isNull()) {
                    BitSet hit = index.get(CaseFold.fold(v.asText()));
                    if (hit != null) {
                        candidates.or(hit);
                    }
                }
            }
        }
        prefilter.narrow(record, candidates);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            LoadedRule r = rules.get(i);
            if (r.evaluator().matches(record)) {
                matched.accept(r);
            }
        }
    }

    public List<LoadedRule> rules() {
        return rules;
    }

    /** The field rules are indexed by, or null when none pins a field. */
    public FieldPath indexField() {
        return indexField;
    }

    /** The fields this group's rules test (what a reader should read ahead for them). */
    public java.util.Set<FieldPath> testedFields() {
        return prefetcher.slots().keySet();
    }

    /** How many rules are evaluated for every event because they pin no value of the index field. */
    public int unindexedCount() {
        return unindexed.cardinality();
    }

    /** How many of those the literal prefilter can turn away (they require literals a record may lack). */
    public int prefilteredCount() {
        return prefilter.filteredCount();
    }

}
