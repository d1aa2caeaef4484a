package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.behavior.BehaviorEngine;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import dev.cloudwarden.engine.sigma.Detector;
import dev.cloudwarden.engine.sigma.correlate.CorrelationEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The registered detectors, in pipeline order: a new detector is one class implementing {@link EventDetector} and
 * one line here. A registration returns null when the run's configuration leaves nothing for it to do, so an
 * unused detector costs nothing per event. Order matters where detectors feed each other: the Sigma rules write
 * the event's rule matches before the correlations read them.
 */
final class Detectors {
    private static final List<Function<RunConfig, EventDetector>> REGISTERED = List.of(
            c -> new Detector(c.rules(), CorrelationEngine.silencedRules(c.rules())),
            c -> nonEmpty(new CorrelationEngine(c.rules()), CorrelationEngine::isEmpty),
            c -> nonEmpty(new BehaviorEngine(c.behavior()), BehaviorEngine::isEmpty),
            c -> c.intel() == null || c.intel().isEmpty() ? null : new IntelDetector(c.intel()));

    private Detectors() {
    }

    static List<EventDetector> create(RunConfig config) {
        List<EventDetector> out = new ArrayList<>();
        for (Function<RunConfig, EventDetector> r : REGISTERED) {
            EventDetector d = r.apply(config);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** The longest delay with which a detector dates its alerts behind the watermark (see {@link EventDetector#alertDelay}). */
    static Duration alertDelay(List<EventDetector> detectors) {
        return detectors.stream().map(EventDetector::alertDelay).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    private static <T extends EventDetector> T nonEmpty(T detector, java.util.function.Predicate<T> isEmpty) {
        return isEmpty.test(detector) ? null : detector;
    }
}
