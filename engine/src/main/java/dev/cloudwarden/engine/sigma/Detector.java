package dev.cloudwarden.engine.sigma;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.LogSource;
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

    public void process(Event event, Consumer<Alert> alerts) {
        RuleGroup group = groups.computeIfAbsent(LogSourceMapping.of(event), k -> new RuleGroup(applicable(event)));
        group.match(event.raw(), r -> {
            if (!filtered(r, event)) {
                alerts.accept(new Alert(AlertIds.of(r.key(), List.of(event.raw().text())), r.key(), r.rule().title(),
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
