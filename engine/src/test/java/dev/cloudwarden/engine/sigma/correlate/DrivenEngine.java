package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.state.BoundedLateness;

import java.time.Duration;
import java.util.function.Consumer;

/** Drives one {@link CorrelationEngine} directly with matches of one rule, as a run does: for tests of its state. */
final class DrivenEngine {
    final CorrelationEngine engine;
    private final BoundedLateness lateness;

    DrivenEngine(RuleSet rules, Duration allowedLateness) {
        this.engine = new CorrelationEngine(rules);
        this.lateness = new BoundedLateness(allowedLateness);
    }

    void accept(LoadedRule rule, Event event, Consumer<Alert> out) {
        RuleMatches m = new RuleMatches();
        m.add(rule.key());
        engine.process(event, m, out);
        engine.advanceWatermark(lateness.observe(event.time().toEpochMilli()), out);
    }

    void finish(Consumer<Alert> out) {
        engine.advanceWatermark(Long.MAX_VALUE, out);
    }

    CorrelationEngine.StateSize stateSize() {
        return engine.stateSize();
    }

    long lateMatches() {
        return engine.lateInputs();
    }
}
