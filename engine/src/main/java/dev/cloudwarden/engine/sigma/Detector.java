package dev.cloudwarden.engine.sigma;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
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
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs detection rules over events. Rules are grouped by the logsources they apply to and each group is
 * compiled into an indexed {@link RuleGroup}, so an event only meets the rules of its own source that can
 * match it. Every match is recorded in the event's {@link RuleMatches} (for the correlations); it becomes an
 * alert unless a correlation silences the rule (Sigma's {@code generate: false}). Stateless: one instance per
 * thread ({@link #fork()}), as it builds groups as new kinds of events arrive.
 */
public final class Detector implements EventDetector {
    private final List<LoadedRule> rules;
    private final Set<String> silenced;
    private final Map<List<LogSource>, RuleGroup> groups = new HashMap<>();
    // the last event's kind and group: a file's events are mostly of one kind, and finding the group by the list of
    // logsources an event answers to cost more than matching a syslog line
    private SourceType lastSource;
    private LogSource lastLogSource;
    private RuleGroup lastGroup;

    /** All rules alert on their own (no correlation silences any). */
    public Detector(RuleSet ruleSet) {
        this(ruleSet.rules(), Set.of());
    }

    /** @param silenced keys of rules whose matches feed correlations only */
    public Detector(RuleSet ruleSet, Set<String> silenced) {
        this(ruleSet.rules(), silenced);
    }

    private Detector(List<LoadedRule> rules, Set<String> silenced) {
        this.rules = rules;
        this.silenced = Set.copyOf(silenced);
    }

    @Override
    public String name() {
        return "sigma";
    }

    @Override
    public boolean isStateless() {
        return true;
    }

    @Override
    public Detector fork() {
        return new Detector(rules, silenced);
    }

    /**
     * The fields the rules test, for the reader to pick up while it parses each record (one pass over the
     * bytes instead of two). Rules with keyword searches read the whole record anyway and add nothing.
     */
    @Override
    public ReadAhead readAhead() {
        java.util.Set<dev.cloudwarden.engine.event.FieldPath> fields = new java.util.LinkedHashSet<>();
        for (LoadedRule r : rules) {
            if (!RuleFields.hasKeywords(r.rule())) {
                fields.addAll(RuleFields.tested(r.rule()));
            }
        }
        return new ReadAhead(fields);
    }

    /** Alerts of every matching rule, silenced ones included (for tests and tools that look at rules alone). */
    public void process(Event event, Consumer<Alert> alerts) {
        match(event, null, alerts, false);
    }

    @Override
    public void process(Event event, RuleMatches matches, Consumer<Alert> out) {
        match(event, matches, out, true);
    }

    private void match(Event event, RuleMatches matches, Consumer<Alert> out, boolean silence) {
        RuleGroup group = groupOf(event);
        group.match(event.raw(), r -> {
            if (filtered(r, event)) {
                return;
            }
            if (matches != null) {
                matches.add(r.key());
            }
            if (!silence || !silenced.contains(r.key())) {
                out.accept(new Alert(AlertIds.of(r.key(), List.of(event.raw())), r.key(), r.rule().title(),
                        r.rule().level(), event.time(), r.rule().tags(), List.of(event)));
            }
        });
    }

    private RuleGroup groupOf(Event event) {
        if (event.source() != lastSource || !event.logSource().equals(lastLogSource)) {
            lastGroup = groups.computeIfAbsent(LogSourceMapping.of(event), k -> new RuleGroup(applicable(event)));
            lastSource = event.source();
            lastLogSource = event.logSource();
        }
        return lastGroup;
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
