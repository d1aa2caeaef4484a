package dev.cloudwarden.engine.sigma;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.behavior.BehaviorEngine;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.sigma.correlate.CorrelationEngine;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything a rule set detects in a stream of events: detection rules through the {@link Detector}, their
 * matches through the {@link CorrelationEngine}, and, unless turned off, the behavioral detectors (baselines,
 * first-seen, beaconing) through the {@link BehaviorEngine}, and, when given an {@link IntelIndex}, threat intel
 * matches through an {@link IntelDetector}, all into one alert consumer. A detection rule referenced by a correlation does not
 * alert on its own unless a correlation referencing it says {@code generate: true} (Sigma's default); its
 * matches still feed the correlation.
 *
 * <p>Detection alerts come out at once; correlation and behavioral alerts come out when the watermark (latest event
 * time minus the allowed lateness) has passed the events that completed them, and at the latest on {@link #finish}.
 * Not thread-safe; one instance per input stream.
 */
public final class DetectionPipeline {
    private final Detector detector;
    private final CorrelationEngine correlations;
    private final BehaviorEngine behavior;
    private final IntelDetector intel; // null without intel: no cost per event
    private final Map<String, LoadedRule> rulesByKey = new HashMap<>();
    private final List<LoadedRule> matched = new ArrayList<>();

    public DetectionPipeline(RuleSet rules) {
        this(rules, CorrelationEngine.DEFAULT_ALLOWED_LATENESS);
    }

    /**
     * With the behavioral detectors at their defaults.
     *
     * @param allowedLateness how far out of event-time order input may be and still correlate as if sorted
     */
    public DetectionPipeline(RuleSet rules, Duration allowedLateness) {
        this(rules, allowedLateness, BehaviorConfig.defaults());
    }

    /** @param behavior the behavioral detectors' settings; {@link BehaviorConfig#disabled()} runs the rules only */
    public DetectionPipeline(RuleSet rules, Duration allowedLateness, BehaviorConfig behavior) {
        this(rules, allowedLateness, behavior, null);
    }

    /**
     * @param intel indicators to match every event against (an index can be shared by pipelines); null or empty for
     *              none, which costs nothing
     */
    public DetectionPipeline(RuleSet rules, Duration allowedLateness, BehaviorConfig behavior, IntelIndex intel) {
        this.detector = new Detector(rules);
        this.correlations = new CorrelationEngine(rules, allowedLateness);
        this.behavior = new BehaviorEngine(behavior, allowedLateness);
        this.intel = intel == null || intel.isEmpty() ? null : new IntelDetector(intel);
        rules.rules().forEach(r -> rulesByKey.put(r.key(), r));
    }

    public void process(Event event, Consumer<Alert> out) {
        matched.clear();
        detector.process(event, alert -> {
            LoadedRule rule = rulesByKey.get(alert.ruleId());
            if (rule != null && correlations.consumes(rule)) {
                matched.add(rule);
            }
            if (rule == null || !correlations.silences(rule)) {
                out.accept(alert);
            }
        });
        for (LoadedRule rule : matched) {
            correlations.accept(rule, event, out);
        }
        correlations.advanceTo(event.time(), out);
        behavior.process(event, out);
        if (intel != null) {
            intel.process(event, out);
        }
    }

    /** The fields the detection rules test, for the reader to pick up while parsing (see {@link Detector#readAhead()}). */
    public dev.cloudwarden.engine.ingest.json.ReadAhead readAhead() {
        return detector.readAhead();
    }

    /** End of input: correlation and behavioral alerts still waiting for the watermark are emitted. */
    public void finish(Consumer<Alert> out) {
        correlations.finish(out);
        behavior.finish(out);
    }

    /** The correlation side, for its counters ({@link CorrelationEngine#lateMatches()}) and problems. */
    public CorrelationEngine correlations() {
        return correlations;
    }

    /** The behavioral side, for its counters ({@link BehaviorEngine#lateEvents()}) and state size. */
    public BehaviorEngine behavior() {
        return behavior;
    }

    /** The intel side, for its sightings ({@link IntelDetector#sightings()}); empty when the pipeline has no intel. */
    public java.util.Optional<IntelDetector> intel() {
        return java.util.Optional.ofNullable(intel);
    }
}
