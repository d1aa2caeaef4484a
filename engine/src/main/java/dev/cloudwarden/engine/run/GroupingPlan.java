package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.RuleGrouping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each rule's group key fields and period: its own {@code grouping:} where it has one, else the run's defaults. */
final class GroupingPlan {
    private final long defaultPeriodMillis;
    private final Map<String, RuleGrouping> byRule = new HashMap<>();

    GroupingPlan(RuleSet rules, AlertGrouping defaults) {
        this.defaultPeriodMillis = defaults.period().toMillis();
        for (LoadedRule r : rules.rules()) {
            if (r.rule().grouping() != null) {
                byRule.put(r.key(), r.rule().grouping());
            }
        }
    }

    List<String> by(String ruleId) {
        RuleGrouping g = byRule.get(ruleId);
        return g == null ? List.of() : g.by();
    }

    long periodMillis(String ruleId) {
        RuleGrouping g = byRule.get(ruleId);
        return g == null || g.period() == null ? defaultPeriodMillis : g.period().toMillis();
    }
}
