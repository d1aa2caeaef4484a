package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.incident.AlertSelection;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunStats;
import dev.cloudwarden.engine.run.Suppression;
import dev.cloudwarden.engine.run.Suppressions;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The detection run's options, shared by every command that runs detection ({@code scan}, {@code demo}). */
public final class RunMixin {
    @Option(names = "--allowed-lateness", paramLabel = "DURATION", defaultValue = "PT1H",
            description = {"How far out of event-time order input may be and still give the results of sorted input "
                    + "(ISO-8601, e.g. PT15M): the run's one lateness bound, used by correlations, baselines, grouping "
                    + "and incidents. Inputs are read at once and merged by event time (one lane per file, or per folder "
                    + "of more than 16 files, read in name order), so only the disorder within a lane counts: CloudTrail "
                    + "delivers within about 15 minutes. Default: ${DEFAULT-VALUE}."})
    Duration allowedLateness;

    @Option(names = "--threads", paramLabel = "N",
            description = {"Detection threads (default: half the cores, at least 1). With N > 1 rules and intel are "
                    + "matched on N workers and correlations, grouping and incidents run on a thread of their own, and "
                    + "a single NDJSON input is parsed on N threads; alert and incident ids are the same for any N. "
                    + "Several inputs are read a thread per lane, so on 2 cores 1 is faster (BENCHMARKS.md)."})
    Integer threads;

    @Option(names = "--no-dedup", description = "Print every rule match as an alert of its own (no grouping).")
    boolean noDedup;

    @Option(names = "--dedup-period", paramLabel = "DURATION", defaultValue = "PT1H",
            description = {"Matches of one rule with the same group key within this period (ISO-8601) are one alert, "
                    + "with count, first_seen and last_seen. The key is the actor's stable identity (an assumed role, "
                    + "not its session) and the account, unless the rule declares its own (grouping: by/period). "
                    + "Default: ${DEFAULT-VALUE}."})
    Duration dedupPeriod;

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "Known-benign matches to silence: Sigma filters with a reason: and an optional expires: "
                    + "(see README). The summary says how many each silenced.")
    Path suppressions;

    /** The --suppressions file, or null. */
    public Path suppressionsFile() {
        return suppressions;
    }

    @Option(names = "--no-behavior", description = {"Do not run the behavioral detectors (volume baselines between "
            + "networks and per principal, bursts of new virtual hosts, first-seen cloud-storage APIs and beacons): "
            + "the rules, correlations and intel only."})
    boolean noBehavior;

    /** The run's configuration; incidents are added by the caller when it wants them. */
    public RunConfig config(CommandSpec spec, RuleSet rules, IntelIndex intel) {
        if (allowedLateness.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--allowed-lateness must not be negative");
        }
        if (dedupPeriod.isNegative() || dedupPeriod.isZero()) {
            throw new ParameterException(spec.commandLine(), "--dedup-period must be positive");
        }
        // reading and parsing take the caller's thread (and one per lane): more detection threads than half the
        // cores only make the threads wait for each other (measured on 2 cores: --threads 2 was slower than 1)
        int n = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        AlertGrouping grouping = noDedup ? AlertGrouping.off() : AlertGrouping.defaults().withPeriod(dedupPeriod);
        return RunConfig.of(rules).withAllowedLateness(allowedLateness)
                .withBehavior(noBehavior ? BehaviorConfig.disabled() : BehaviorConfig.defaults())
                .withIntel(intel).withGrouping(grouping).withSuppressions(suppressions(spec)).withThreads(n);
    }

    /** Incidents from the alerts at {@code level} and above (plus the pack's own low-level signatures). */
    static RunConfig.Incidents incidents(CommandSpec spec, String level) {
        Level threshold = Level.parse(level).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "unknown --incident-level '" + level + "'"));
        return new RunConfig.Incidents(new AlertSelection(threshold), RunConfig.Incidents.defaults().options());
    }

    private Suppressions suppressions(CommandSpec spec) {
        if (suppressions == null) {
            return Suppressions.NONE;
        }
        String text;
        try {
            text = Files.readString(suppressions, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --suppressions " + suppressions + ": " + e.getMessage());
        }
        try {
            Suppressions s = Suppressions.parse(suppressions.toString(), text, Instant.now());
            PrintWriter err = spec.commandLine().getErr();
            for (Suppression expired : s.expired()) {
                err.println("notice: suppression '" + TerminalText.safe(expired.title()) + "' (" + expired.source()
                        + ") expired on " + expired.expires() + " and is ignored");
            }
            return s;
        } catch (Suppressions.InvalidSuppressionsException e) {
            throw new ParameterException(spec.commandLine(), "--suppressions: " + TerminalText.safe(String.join("\n", e.problems())));
        }
    }

    /** The summary lines of a run: matches, alerts after grouping, what each suppression silenced, late input. */
    static void summary(PrintWriter err, RunStats stats, Map<String, Long> late) {
        err.printf(Locale.ROOT, "%,d alerts%s from %,d matches%s%n", stats.alerts(),
                stats.alerts() == 0 ? "" : " " + stats.alertsByLevel(), stats.matches(),
                stats.matches() == stats.alerts() ? "" : " (grouped by rule and key; --no-dedup prints every match)");
        if (stats.disabledMatches() > 0) {
            err.printf(Locale.ROOT, "%,d matches of rules switched off in the store left out%n", stats.disabledMatches());
        }
        if (!stats.suppressed().isEmpty()) {
            err.printf(Locale.ROOT, "%,d matches silenced by suppressions:%n", stats.suppressedTotal());
            stats.suppressed().forEach((s, n) -> err.printf(Locale.ROOT, "  %,d  %s (%s)%n", n,
                    TerminalText.safe(s.title()), TerminalText.safe(s.reason())));
        }
        late.forEach((what, n) -> err.printf(Locale.ROOT,
                "%,d inputs to %s came later than the allowed lateness%s%n", n, what,
                what.equals("incidents") ? " (placed at once)" : " and were left out"));
    }
}
