package dev.cloudwarden.simulate.eval;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.Incident;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores alerts and incidents against a simulation's ground truth.
 *
 * <p><b>Alerts.</b> An alert is a true positive when one of its events is a line of some scenario, and it is
 * attributed to those scenarios. Per scenario: detected (any alert touches it), line recall (its attack lines
 * touched by alerts / all its attack lines) and the alerts attributed to it. Overall: alert precision
 * (true-positive alerts / alerts) and scenario recall (detected / scenarios).
 *
 * <p><b>Incidents.</b> An incident touches the scenarios its alerts' lines belong to. A scenario is
 * <em>resolved</em> when exactly one incident touches it, that incident touches no other scenario, and it is
 * classified correctly: its categories include the scenario's catalog id, and it names no malware family
 * other than the scenario's (a DemonBot incident called AESDDoS sends the analyst after the wrong bot).
 * Overall: incident precision (incidents touching some scenario / incidents) and the share of scenarios
 * resolved.
 */
public final class Evaluation {
    /** An alert as the evaluation sees it: its rule and the log lines of its events. */
    public record ScoredAlert(String rule, List<GroundTruth.LineRef> lines) {
        /** {@code alert} scored by its rule's title and its events' lines, files taken relative to {@code logs}. */
        public static ScoredAlert of(Alert alert, Path logs) {
            return new ScoredAlert(alert.ruleTitle(), linesOf(alert, logs));
        }
    }

    /**
     * An incident as the evaluation sees it.
     *
     * @param categories its catalog classification (T1-T5, A1-A6, M1-M6), in the order to show them
     * @param lines      the log lines of all its alerts' events
     */
    public record ScoredIncident(String id, Set<String> categories, List<GroundTruth.LineRef> lines) {
        public ScoredIncident {
            categories = Collections.unmodifiableSet(new LinkedHashSet<>(categories));
            lines = List.copyOf(lines);
        }

        /** {@code incident} scored by its classification and all its alerts' lines (see {@link ScoredAlert#of}). */
        public static ScoredIncident of(Incident incident, Path logs) {
            Set<String> categories = new LinkedHashSet<>(incident.classification().initialAccess());
            categories.addAll(incident.classification().actions());
            categories.addAll(incident.classification().malware());
            List<GroundTruth.LineRef> refs = new ArrayList<>();
            incident.alerts().forEach(a -> refs.addAll(linesOf(a, logs)));
            return new ScoredIncident(incident.id(), categories, refs);
        }
    }

    /** The log lines of an alert's events, as the ground truth names them: file relative to {@code logs}, line. */
    public static List<GroundTruth.LineRef> linesOf(Alert alert, Path logs) {
        Path root = logs.toAbsolutePath().normalize();
        List<GroundTruth.LineRef> refs = new ArrayList<>();
        for (Event e : alert.events()) {
            Path p = Path.of(e.origin().input()).toAbsolutePath().normalize();
            refs.add(new GroundTruth.LineRef(root.relativize(p).toString().replace('\\', '/'), e.origin().line()));
        }
        return refs;
    }

    /**
     * One scenario's result.
     *
     * @param incidents  the incidents touching the scenario
     * @param resolved   exactly one incident, of this scenario alone, classified correctly (see the class notes)
     */
    public record ScenarioScore(String scenario, String catalog, boolean detected, int alerts, int linesHit, int lines,
                                Set<String> rules, int incidents, boolean resolved, Set<String> categories) {
        public double lineRecall() {
            return lines == 0 ? 0 : (double) linesHit / lines;
        }
    }

    /** The whole result. */
    public record Result(List<ScenarioScore> scenarios, int alerts, int truePositiveAlerts, List<String> falsePositiveRules,
                         int incidents, int truePositiveIncidents) {
        public double alertPrecision() {
            return alerts == 0 ? 1.0 : (double) truePositiveAlerts / alerts;
        }

        public double scenarioRecall() {
            return scenarios.isEmpty() ? 1.0 : (double) scenarios.stream().filter(ScenarioScore::detected).count() / scenarios.size();
        }

        public double incidentPrecision() {
            return incidents == 0 ? 1.0 : (double) truePositiveIncidents / incidents;
        }

        public long resolvedScenarios() {
            return scenarios.stream().filter(ScenarioScore::resolved).count();
        }
    }

    private Evaluation() {
    }

    /** Alerts only: every scenario counts as having no incident. */
    public static Result score(GroundTruth truth, List<ScoredAlert> alerts) {
        return score(truth, alerts, List.of());
    }

    public static Result score(GroundTruth truth, List<ScoredAlert> alerts, List<ScoredIncident> incidents) {
        Map<String, Integer> alertsPer = new LinkedHashMap<>();
        Map<String, Set<GroundTruth.LineRef>> hitLines = new LinkedHashMap<>();
        Map<String, Set<String>> rulesPer = new LinkedHashMap<>();
        int tp = 0;
        List<String> falsePositiveRules = new ArrayList<>();
        for (ScoredAlert a : alerts) {
            Set<String> scenarios = scenariosOf(truth, a.lines(), hitLines);
            if (scenarios.isEmpty()) {
                falsePositiveRules.add(a.rule());
                continue;
            }
            tp++;
            for (String s : scenarios) {
                alertsPer.merge(s, 1, Integer::sum);
                rulesPer.computeIfAbsent(s, k -> new TreeSet<>()).add(a.rule());
            }
        }
        Map<String, List<IncidentTouch>> incidentsPer = new LinkedHashMap<>();
        int truePositiveIncidents = 0;
        for (ScoredIncident i : incidents) {
            Set<String> scenarios = scenariosOf(truth, i.lines(), null);
            if (!scenarios.isEmpty()) {
                truePositiveIncidents++;
            }
            for (String s : scenarios) {
                incidentsPer.computeIfAbsent(s, k -> new ArrayList<>()).add(new IncidentTouch(i, scenarios.size()));
            }
        }
        List<ScenarioScore> scores = new ArrayList<>();
        for (Map.Entry<String, Integer> e : truth.linesOfScenario().entrySet()) {
            String s = e.getKey();
            String catalog = truth.catalogOfScenario().get(s);
            int hits = hitLines.getOrDefault(s, Set.of()).size();
            List<IncidentTouch> touching = incidentsPer.getOrDefault(s, List.of());
            Set<String> categories = touching.size() == 1 ? touching.get(0).incident().categories() : Set.of();
            boolean resolved = touching.size() == 1 && touching.get(0).scenarios() == 1
                    && classifiedAs(touching.get(0).incident().categories(), catalog);
            scores.add(new ScenarioScore(s, catalog, hits > 0, alertsPer.getOrDefault(s, 0), hits, e.getValue(),
                    rulesPer.getOrDefault(s, Set.of()), touching.size(), resolved, categories));
        }
        return new Result(scores, alerts.size(), tp, falsePositiveRules, incidents.size(), truePositiveIncidents);
    }

    /** Whether categories name {@code catalog} and no other malware family. */
    static boolean classifiedAs(Set<String> categories, String catalog) {
        if (catalog == null || !categories.contains(catalog)) {
            return false;
        }
        for (String c : categories) {
            if (c.startsWith("M") && !c.equals(catalog)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> scenariosOf(GroundTruth truth, List<GroundTruth.LineRef> lines,
                                           Map<String, Set<GroundTruth.LineRef>> hitLines) {
        Set<String> scenarios = new HashSet<>();
        for (GroundTruth.LineRef l : lines) {
            String s = truth.scenarioOfLine().get(l);
            if (s != null) {
                scenarios.add(s);
                if (hitLines != null) {
                    hitLines.computeIfAbsent(s, k -> new HashSet<>()).add(l);
                }
            }
        }
        return scenarios;
    }

    private record IncidentTouch(ScoredIncident incident, int scenarios) {
    }
}
