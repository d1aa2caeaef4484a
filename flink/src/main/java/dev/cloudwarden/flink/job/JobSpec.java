package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.incident.AlertSelection;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.starter.StarterIntel;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.Suppressions;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the job detects with, as plain data that travels with the job graph to every task: the rule files' texts
 * (not their paths, which a task manager may not have), the run's options as the CLI takes them, and the moment
 * suppressions were read (so every task expires the same ones). Each task builds the engine's {@link RunConfig} from
 * it, compiled once per task manager ({@link #runConfig()}).
 *
 * @param ruleFiles       rule files besides the built-in pack
 * @param builtInRules    whether the built-in pack (shipped in the job jar) is used, with its tuning
 * @param starterIntel    whether the shipped starter indicators are matched
 * @param allowedLateness the run's one lateness bound (the watermark trails the latest event time by it)
 * @param behavior        whether the behavioral detectors run
 * @param dedupPeriod     grouping period; null: every match is an alert of its own
 * @param suppressions    a suppressions file's name and text; null: none
 * @param suppressionsAt  the time suppression expiry is judged at
 * @param incidentLevel   alerts of this level and above form incidents; null: no incidents
 */
public record JobSpec(List<Rules> ruleFiles, boolean builtInRules, boolean starterIntel, Duration allowedLateness,
                      boolean behavior, Duration dedupPeriod, Rules suppressions, Instant suppressionsAt,
                      String incidentLevel) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<JobSpec, RunConfig> COMPILED = new ConcurrentHashMap<>();

    /** A rule or suppressions file: its name (for messages) and text. */
    public record Rules(String name, String text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public JobSpec {
        ruleFiles = List.copyOf(ruleFiles);
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(suppressionsAt, "suppressionsAt");
        if (incidentLevel != null && Level.parse(incidentLevel).isEmpty()) {
            throw new IllegalArgumentException("unknown incident level '" + incidentLevel + "'");
        }
    }

    /** The CLI's defaults: the built-in pack and starter intel, an hour's lateness, grouping, incidents from medium. */
    public static JobSpec defaults() {
        return new JobSpec(List.of(), true, true, RunConfig.DEFAULT_ALLOWED_LATENESS, true,
                AlertGrouping.DEFAULT_PERIOD, null, Instant.EPOCH, AlertSelection.DEFAULT_THRESHOLD.id());
    }

    public JobSpec withRuleFiles(List<Rules> files, boolean builtIn) {
        return new JobSpec(files, builtIn, starterIntel, allowedLateness, behavior, dedupPeriod, suppressions,
                suppressionsAt, incidentLevel);
    }

    public JobSpec withAllowedLateness(Duration value) {
        return new JobSpec(ruleFiles, builtInRules, starterIntel, value, behavior, dedupPeriod, suppressions,
                suppressionsAt, incidentLevel);
    }

    public JobSpec withIncidentLevel(String value) {
        return new JobSpec(ruleFiles, builtInRules, starterIntel, allowedLateness, behavior, dedupPeriod, suppressions,
                suppressionsAt, value);
    }

    /** The engine's configuration for this spec, compiled once per JVM and shared by its tasks (it is read-only). */
    public RunConfig runConfig() {
        return COMPILED.computeIfAbsent(this, JobSpec::compile);
    }

    /** The rules alone, freshly compiled (a task that swaps rules at runtime compiles its own). */
    public RuleSet compileRules() {
        List<RuleFile> files = new ArrayList<>(builtInRules ? RuleFiles.builtIn() : List.of());
        for (Rules r : ruleFiles) {
            files.add(new RuleFile(r.name(), r.text(), false));
        }
        return RuleSet.compile(files, SigmaConfig.defaults(), builtInRules ? RuleTuning.builtIn() : RuleTuning.NONE);
    }

    private RunConfig compile() {
        RunConfig c = RunConfig.of(compileRules()).withAllowedLateness(allowedLateness)
                .withBehavior(behavior ? BehaviorConfig.defaults() : BehaviorConfig.disabled())
                .withIntel(starterIntel ? IntelIndex.of(StarterIntel.indicators()) : null)
                .withGrouping(dedupPeriod == null ? AlertGrouping.off() : AlertGrouping.defaults().withPeriod(dedupPeriod))
                .withSuppressions(parsedSuppressions())
                .withThreads(1);
        if (incidentLevel != null) {
            c = c.withIncidents(new RunConfig.Incidents(new AlertSelection(Level.parse(incidentLevel).orElseThrow()),
                    RunConfig.Incidents.defaults().options()));
        }
        return c;
    }

    private Suppressions parsedSuppressions() {
        if (suppressions == null) {
            return Suppressions.NONE;
        }
        try {
            return Suppressions.parse(suppressions.name(), suppressions.text(), suppressionsAt);
        } catch (Suppressions.InvalidSuppressionsException e) {
            throw new IllegalArgumentException(suppressions.name() + ": " + String.join("; ", e.problems()), e);
        }
    }
}
