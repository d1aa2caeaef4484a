package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorDetector;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.starter.StarterIntel;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.StreamOperators;
import dev.cloudwarden.engine.sigma.correlate.CorrelationStage;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.flink.job.JobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stateless part of the run for one task: the run's Sigma rules and intel judge each event, then its matches
 * are routed to the correlations listening to them and the event to every behavioral detector that keys it. Rules
 * and intel can be swapped while the job runs ({@link #reload}); correlations cannot, since their windows are state
 * keyed by correlation: they change with a restart (from a savepoint), and a runtime file's correlations are left
 * out with a problem saying so.
 */
final class EventMatching {
    /** Where one event's results go. */
    interface Results {
        void alert(Alert alert);

        void correlation(CorrelationStage.Input input);

        void behavior(int detector, Keyed keyed);

        void late(Event event);
    }

    private final JobSpec spec;
    private final CorrelationStage correlations;
    private final List<BehaviorDetector> behavior;
    private final RuleMatches matches = new RuleMatches();
    private List<EventDetector> stateless;

    EventMatching(JobSpec spec) {
        this.spec = spec;
        StreamOperators operators = new StreamOperators(spec.runConfig());
        this.stateless = operators.stateless();
        this.correlations = operators.correlations();
        this.behavior = operators.behavior();
    }

    /**
     * Rebuilds the rules and intel from the job's own files plus {@code files}; returns the problems found (rule
     * files with errors, list lines that are no indicator, correlations left out). On a rule set that does not
     * compile at all the detectors in use stay.
     */
    List<String> reload(RuntimeFiles files) {
        List<String> problems = new ArrayList<>();
        List<JobSpec.Rules> ruleFiles = new ArrayList<>(spec.ruleFiles());
        ruleFiles.addAll(files.rules());
        RuleSet rules = spec.withRuleFiles(ruleFiles, spec.builtInRules()).compileRules();
        rules.errors().forEach(e -> problems.add(String.valueOf(e)));
        int baseCorrelations = spec.runConfig().rules().correlations().size();
        if (rules.correlations().size() != baseCorrelations) {
            problems.add("correlations in runtime rule files are left out: a correlation's windows are state, so "
                    + "correlations change with a restart (stop with a savepoint, restart with the files)");
        }
        List<Indicator> indicators = new ArrayList<>(spec.starterIntel() ? StarterIntel.indicators() : List.of());
        files.intel().forEach(f -> {
            indicators.addAll(f.indicators());
            f.problems().forEach(p -> problems.add(p.toString()));
        });
        RunConfig config = spec.runConfig().withRules(rules)
                .withIntel(indicators.isEmpty() ? null : IntelIndex.of(indicators));
        stateless = new StreamOperators(config).stateless();
        return problems;
    }

    void match(Event event, boolean late, Results out) {
        matches.clear();
        Consumer<Alert> alerts = out::alert;
        for (EventDetector d : stateless) {
            d.process(event, matches, alerts);
        }
        if (late) {
            out.late(event);
            return;
        }
        if (!matches.isEmpty()) {
            correlations.route(event, matches, out::correlation);
        }
        for (int i = 0; i < behavior.size(); i++) {
            String key = behavior.get(i).keyOf(event);
            if (key != null) {
                out.behavior(i, new Keyed(key, event));
            }
        }
    }
}
