package dev.cloudwarden.engine.detect;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.json.ReadAhead;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The one contract every detector implements: Sigma rules, Sigma correlations, behavioral detectors and threat
 * intel. The detection run ({@code engine.run.DetectionRun}) holds a list of them, hands each event to every one in
 * order, and tells them when event time is complete up to a watermark; what they find leaves as alerts.
 *
 * <p>Two kinds, told apart by {@link #isStateless()}:
 * <ul>
 *   <li><b>stateless</b> detectors judge each event alone (rule matching, intel lookups); the run may make one per
 *       worker thread ({@link #fork()}) and run them on any thread, since nothing they decide depends on other
 *       events;</li>
 *   <li><b>stateful</b> detectors keep keyed state and decide on event time (correlations, baselines); they see
 *       every event in the run's order, on one thread, with the run's watermark ({@link #advanceWatermark}).
 *       Their keyed operators are what a Flink job runs after its {@code keyBy}.</li>
 * </ul>
 */
public interface EventDetector {
    /** A short name for summaries and errors ({@code sigma}, {@code correlations}, {@code behavior}, {@code intel}). */
    String name();

    /** Whether the detector judges each event alone; see the class documentation. */
    default boolean isStateless() {
        return false;
    }

    /**
     * A copy for another worker thread, sharing what is read-only (compiled rules, indexes). Only stateless
     * detectors are forked.
     */
    default EventDetector fork() {
        throw new UnsupportedOperationException(name() + " is stateful and runs once per run");
    }

    /**
     * One event. {@code matches} carries the detection rules this event matched so far in the run's detector list
     * (the Sigma detector writes it, correlations read it).
     */
    void process(Event event, RuleMatches matches, Consumer<Alert> out);

    /**
     * Event time is complete up to {@code watermark} (epoch ms; {@link Long#MAX_VALUE} at the end of input):
     * decisions waiting for it are taken now. An input at or before the last watermark is late for this
     * detector.
     */
    default void advanceWatermark(long watermark, Consumer<Alert> out) {
    }

    /**
     * How far behind the watermark the time of an alert this detector emits may lie: a correlation's alert carries
     * the time of the event that completed it and comes out as the watermark passes that event (zero); a baseline
     * that judges an hour's bucket emits, at the bucket's end, an alert dated at its start. Whatever consumes
     * alerts in event time (grouping, incidents) waits this much longer, so it sees them in order.
     */
    default Duration alertDelay() {
        return Duration.ZERO;
    }

    /** Record fields to read while parsing (the rules' tested fields); none by default. */
    default ReadAhead readAhead() {
        return ReadAhead.NONE;
    }

    /** Inputs that came at or before the watermark and were left out of this detector's state. */
    default long lateInputs() {
        return 0;
    }
}
