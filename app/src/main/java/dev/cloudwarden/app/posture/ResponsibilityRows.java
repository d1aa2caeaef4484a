package dev.cloudwarden.app.posture;

import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.map.DetectionRule;
import dev.cloudwarden.engine.posture.map.ResponsibilityMap;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared-responsibility map's rows (R8) for a rule set and the telemetry actually fed: what {@code posture map}
 * prints and the landscape report's dead spots.
 */
public final class ResponsibilityRows {
    private ResponsibilityRows() {
    }

    public static List<ResponsibilityMap.Row> of(RuleSet ruleSet, Set<String> fed) {
        List<DetectionRule> detections = new ArrayList<>();
        for (LoadedRule r : ruleSet.rules()) {
            Set<String> sources = new TreeSet<>();
            r.fedBy().forEach(t -> sources.add(t.id()));
            detections.add(new DetectionRule(r.rule().name(), r.rule().title(), r.rule().tags(), sources));
        }
        return ResponsibilityMap.builtIn().rows(BuiltInChecks.all(), detections, fed);
    }

    /** With the built-in rule pack. */
    public static List<ResponsibilityMap.Row> builtIn(Set<String> fed) {
        return of(RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn()), fed);
    }
}
