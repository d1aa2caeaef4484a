package dev.cloudwarden.simulate.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores alerts against a simulation's ground truth. An alert is a true positive when one of its events is a
 * line of some scenario, and it is attributed to those scenarios. Per scenario: detected (any alert touches
 * it), recall (its attack lines touched by alerts / all its attack lines) and the alerts attributed to it.
 * Overall: alert precision (true-positive alerts / alerts) and scenario recall (detected / scenarios).
 */
public final class Evaluation {
    /** An alert as the evaluation sees it: its rule and the log lines of its events. */
    public record ScoredAlert(String rule, List<GroundTruth.LineRef> lines) {
    }

    /** One scenario's result. */
    public record ScenarioScore(String scenario, String catalog, boolean detected, int alerts, int linesHit, int lines,
                                Set<String> rules) {
        public double lineRecall() {
            return lines == 0 ? 0 : (double) linesHit / lines;
        }
    }

    /** The whole result. */
    public record Result(List<ScenarioScore> scenarios, int alerts, int truePositiveAlerts, List<String> falsePositiveRules) {
        public double alertPrecision() {
            return alerts == 0 ? 1.0 : (double) truePositiveAlerts / alerts;
        }

        public double scenarioRecall() {
            return scenarios.isEmpty() ? 1.0 : (double) scenarios.stream().filter(ScenarioScore::detected).count() / scenarios.size();
        }
    }

    private Evaluation() {
    }

    public static Result score(GroundTruth truth, List<ScoredAlert> alerts) {
        Map<String, Integer> alertsPer = new LinkedHashMap<>();
        Map<String, Set<GroundTruth.LineRef>> hitLines = new LinkedHashMap<>();
        Map<String, Set<String>> rulesPer = new LinkedHashMap<>();
        int tp = 0;
        List<String> falsePositiveRules = new ArrayList<>();
        for (ScoredAlert a : alerts) {
            Set<String> scenarios = new HashSet<>();
            for (GroundTruth.LineRef l : a.lines()) {
                String s = truth.scenarioOfLine().get(l);
                if (s != null) {
                    scenarios.add(s);
                    hitLines.computeIfAbsent(s, k -> new HashSet<>()).add(l);
                }
            }
            if (scenarios.isEmpty()) {
                falsePositiveRules.add(a.rule());
                continue;
            }
            tp++;
            for (String s : scenarios) {
                alertsPer.merge(s, 1, Integer::sum);
                rulesPer.computeIfAbsent(s, k -> new java.util.TreeSet<>()).add(a.rule());
            }
        }
        List<ScenarioScore> scores = new ArrayList<>();
        for (Map.Entry<String, Integer> e : truth.linesOfScenario().entrySet()) {
            String s = e.getKey();
            int hits = hitLines.getOrDefault(s, Set.of()).size();
            scores.add(new ScenarioScore(s, truth.catalogOfScenario().get(s), hits > 0, alertsPer.getOrDefault(s, 0), hits,
                    e.getValue(), rulesPer.getOrDefault(s, Set.of())));
        }
        return new Result(scores, alerts.size(), tp, falsePositiveRules);
    }
}
