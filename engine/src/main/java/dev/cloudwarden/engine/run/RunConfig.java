package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.incident.AlertSelection;
import dev.cloudwarden.engine.incident.IncidentOptions;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a detection run needs, in one place: the one way to configure a run, whether it reads files, stdin,
 * an HTTP body or Kafka.
 *
 * @param rules           compiled Sigma rules and correlations
 * @param allowedLateness the run's one lateness bound: input may be this far out of event-time order and still
 *                        give the results of sorted input; the watermark trails the latest event time by it.
 *                        CloudTrail delivers within about 15 minutes; one hour by default
 * @param behavior        the behavioral detectors ({@link BehaviorConfig#disabled()} for none)
 * @param intel           indicators to match, or null for none
 * @param grouping        alert grouping (dedup)
 * @param suppressions    known-benign matches to silence
 * @param incidents       which alerts form incidents and how; null: no incidents
 * @param threads         detection threads: 1 runs everything on the caller's thread; more match rules and intel
 *                        on that many workers and settle the stateful part on one more thread, with identical results
 */
public record RunConfig(RuleSet rules, Duration allowedLateness, BehaviorConfig behavior, IntelIndex intel,
                        AlertGrouping grouping, Suppressions suppressions, Incidents incidents, int threads) {
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofHours(1);

    /**
     * How incidents are built: which alerts form them and the builder's options (its allowed lateness is the
     * run's, so the options' own is ignored).
     */
    public record Incidents(AlertSelection selection, IncidentOptions options) {
        public Incidents {
            Objects.requireNonNull(selection, "selection");
            Objects.requireNonNull(options, "options");
        }

        public static Incidents defaults() {
            return new Incidents(AlertSelection.defaults(), IncidentOptions.defaults());
        }
    }

    public RunConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(suppressions, "suppressions");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** The rules with every default: an hour's lateness, behavioral detectors on, no intel, grouping on, no incidents. */
    public static RunConfig of(RuleSet rules) {
        return new RunConfig(rules, DEFAULT_ALLOWED_LATENESS, BehaviorConfig.defaults(), null, AlertGrouping.defaults(),
                Suppressions.NONE, null, 1);
    }

    public RunConfig withRules(RuleSet value) {
        return new RunConfig(value, allowedLateness, behavior, intel, grouping, suppressions, incidents, threads);
    }

    public RunConfig withAllowedLateness(Duration value) {
        return new RunConfig(rules, value, behavior, intel, grouping, suppressions, incidents, threads);
    }

    public RunConfig withBehavior(BehaviorConfig value) {
        return new RunConfig(rules, allowedLateness, value, intel, grouping, suppressions, incidents, threads);
    }

    public RunConfig withIntel(IntelIndex value) {
        return new RunConfig(rules, allowedLateness, behavior, value, grouping, suppressions, incidents, threads);
    }

    public RunConfig withGrouping(AlertGrouping value) {
        return new RunConfig(rules, allowedLateness, behavior, intel, value, suppressions, incidents, threads);
    }

    public RunConfig withSuppressions(Suppressions value) {
        return new RunConfig(rules, allowedLateness, behavior, intel, grouping, value, incidents, threads);
    }

    public RunConfig withIncidents(Incidents value) {
        return new RunConfig(rules, allowedLateness, behavior, intel, grouping, suppressions, value, threads);
    }

    public RunConfig withThreads(int value) {
        return new RunConfig(rules, allowedLateness, behavior, intel, grouping, suppressions, incidents, value);
    }
}
