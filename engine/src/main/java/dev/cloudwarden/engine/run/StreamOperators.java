package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorDetector;
import dev.cloudwarden.engine.behavior.BehaviorEngine;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.incident.IncidentProcessor;
import dev.cloudwarden.engine.ingest.json.ReadAhead;
import dev.cloudwarden.engine.sigma.correlate.CorrelationStage;

import java.time.Duration;
import java.util.List;

/**
 * A run's operators, taken apart for a distributed runtime (the Flink job): the same detectors, correlation and
 * behavioral operators, grouping and incidents that {@link DetectionRun} drives on one machine, built from the same
 * {@link RunConfig}, so the job cannot drift from the CLI. Each parallel task makes its own: nothing here is shared
 * or thread-safe.
 *
 * <p>The path, as the job wires it: every event through {@link #stateless()} (parsing and matching, chained); its
 * matches routed by {@link #correlations()} and keyed per level; its behavioral keys ({@link
 * BehaviorDetector#keyOf}) each to its detector; every alert through {@link #silencing} and then, on a watermark held
 * back by {@link #alertDelay()}, to grouping ({@link #grouper()}) and incidents ({@link #incidents}).
 */
public final class StreamOperators {
    private final RunConfig config;
    private List<EventDetector> detectors; // made on first use: most tasks need only their own operator

    public StreamOperators(RunConfig config) {
        this.config = config;
    }

    public RunConfig config() {
        return config;
    }

    /** Every detector of the run, in pipeline order (the local runner's list). */
    List<EventDetector> all() {
        if (detectors == null) {
            detectors = Detectors.create(config);
        }
        return detectors;
    }

    /** The record fields the detectors test, for the reader to pick up while parsing. */
    public ReadAhead readAhead() {
        ReadAhead all = ReadAhead.NONE;
        for (EventDetector d : all()) {
            all = all.plus(d.readAhead());
        }
        return all;
    }

    /** The detectors that judge each event alone (Sigma rules, intel), in pipeline order. */
    public List<EventDetector> stateless() {
        return all().stream().filter(EventDetector::isStateless).toList();
    }

    /** The correlations: routing and one keyed operator per level (none when the rules have no correlation). */
    public CorrelationStage correlations() {
        return CorrelationStage.of(config.rules());
    }

    /** The behavioral detectors, each a keyed operator of its own. */
    public List<BehaviorDetector> behavior() {
        return BehaviorEngine.detectors(config.behavior());
    }

    /** How long grouping and incidents wait behind the event watermark: the longest delay a detector dates alerts with. */
    public Duration alertDelay() {
        return Detectors.alertDelay(all());
    }

    /** The suppression that silences {@code alert}, or null: a silenced alert goes no further. */
    public Suppression silencing(Alert alert) {
        return config.suppressions().silencing(alert);
    }

    /** The grouping operator, keyed by {@link AlertGrouper#keyOf}; null when grouping is off. */
    public AlertGrouper grouper() {
        return config.grouping().enabled()
                ? new AlertGrouper(new GroupingPlan(config.rules(), config.grouping()), config.grouping().sampleSize())
                : null;
    }

    /** Whether the run groups alerts (else {@link #grouper()} is null). */
    public boolean groups() {
        return config.grouping().enabled();
    }

    /** Whether the run builds incidents (else {@link #incidents} is null). */
    public boolean buildsIncidents() {
        return config.incidents() != null;
    }

    /** Whether an alert forms incidents (the run may build none). */
    public boolean formsIncidents(Alert alert) {
        return config.incidents() != null && config.incidents().selection().test(alert);
    }

    /** The incident operator (one key per tenant); null when the run builds no incidents. */
    public IncidentProcessor incidents(boolean liveUpdates) {
        return config.incidents() == null ? null : new IncidentProcessor(config.incidents().options(), liveUpdates);
    }
}
