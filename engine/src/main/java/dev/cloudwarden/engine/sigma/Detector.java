package dev.cloudwarden.engine.sigma;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.ingest.json.ReadAhead;
import dev.cloudwarden.engine.sigma.compile.RuleFields;
import dev.cloudwarden.engine.sigma.compile.RuleGroup;
import dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.logsource.LogSourceMapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs detection rules over events. Rules are grouped by the logsources they apply to and each group is
 * compiled into an indexed {@link RuleGroup}, so an event only meets the rules of its own source that can
 * match it. One instance per thread (it builds groups as new kinds of events arrive).
 */
public final class Detector {
    private final List<LoadedRule> rules;
    private final Map<List<LogSource>, RuleGroup> groups = new HashMap<>();

    public Detector(RuleSet ruleSet) {
        this.rules = ruleSet.rules();
    }

    /**
     * The fields the rules test, for the reader to pick up while it parses each record (one pass over the
     * bytes instead of two). Rules with keyword searches read the whole record anyway and add nothing.
     */
    public ReadAhead readAhead() {
        java.util.Set<dev.cloudwarden.engine.event.FieldPath> fields = new java.util.LinkedHashSet<>();
        for (LoadedRule r : rules) {
            if (!RuleFields.hasKeywords(r.rule())) {
                fields.addAll(RuleFields.tested(r.rule()));
            }
        }
        return new ReadAhead(fields);
    }

    public void process(Event event, Consumer<Alert> alerts) {
        RuleGroup group = groups.computeIfAbsent(LogSourceMapping.of(event), k -> new RuleGroup(applicable(event)));
        group.match(event.raw(), r -> {
            if (!filtered(r, event)) {
                alerts.accept(new Alert(AlertIds.of(r.key(), List.of(event.raw())), r.key(), r.rule().title(),
                        r.rule().level(), event.time(), r.rule().tags(), List.of(event)));
            }
        });
    }

    private List<LoadedRule> applicable(Event event) {
        List<LoadedRule> out = new ArrayList<>();
        for (LoadedRule r : rules) {
            if (LogSourceMapping.applies(r.rule().logSource(), event)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean filtered(LoadedRule r, Event event) {
        for (ReferenceEvaluator f : r.filters()) {
            if (f.matches(event.raw())) {
                return true;
            }
        }
        return false;
    }
}
