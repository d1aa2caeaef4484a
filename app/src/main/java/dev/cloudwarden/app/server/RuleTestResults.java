package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.ruletest.RuleTestFile;
import dev.cloudwarden.engine.sigma.ruletest.RuleTestRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rule tests ({@code *.tests.yml}: events and the verdict expected of a rule, as {@code cloudwarden rules test}
 * runs them) of the rules a service runs, per rule: the built-in packs' tests and those beside the configured rule
 * files. Run once, when first asked for (the rules do not change while the service runs; switching one off does
 * not change what it matches). A test file that cannot be read is counted as a problem, not dropped.
 */
public final class RuleTestResults {
    /**
     * One rule's cases.
     *
     * @param firstFailure the first failing case and why, or null when all pass
     */
    public record Summary(int passed, int failed, String firstFailure) {
    }

    private final Map<String, Summary> byRule;
    private final List<String> problems;

    private RuleTestResults(Map<String, Summary> byRule, List<String> problems) {
        this.byRule = Map.copyOf(byRule);
        this.problems = List.copyOf(problems);
    }

    /** The results of {@link #run}, run on the first call and kept. */
    public static Supplier<RuleTestResults> lazy(RuleSet rules, List<Path> rulePaths) {
        return new Supplier<>() {
            private RuleTestResults results;

            @Override
            public synchronized RuleTestResults get() {
                if (results == null) {
                    results = run(rules, rulePaths);
                }
                return results;
            }
        };
    }

    /**
     * Runs the tests under {@code rulePaths} against {@code rules}, and the built-in packs' tests when built-in rules
     * are loaded.
     */
    public static RuleTestResults run(RuleSet rules, List<Path> rulePaths) {
        List<String> problems = new ArrayList<>();
        boolean builtIn = rules.rules().stream().anyMatch(r -> r.rule().source().file().startsWith("builtin:"));
        List<RuleFile> files = new ArrayList<>(builtIn ? RuleFiles.builtInTests() : List.of());
        try {
            files.addAll(RuleFiles.testsFromPaths(rulePaths));
        } catch (IOException e) {
            problems.add("cannot read rule tests: " + e.getMessage());
        }
        List<RuleTestFile> parsed = new ArrayList<>();
        for (RuleFile f : files) {
            RuleTestFile.Result r = RuleTestFile.parse(f.name(), f.text());
            r.errors().forEach(e -> problems.add(e.toString()));
            if (r.file() != null) {
                parsed.add(r.file());
            }
        }
        Map<String, int[]> counts = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        for (RuleTestRunner.Outcome o : RuleTestRunner.run(rules, parsed)) {
            if (o.ruleKey() == null) {
                problems.add(o.message());
                continue;
            }
            counts.computeIfAbsent(o.ruleKey(), k -> new int[2])[o.passed() ? 0 : 1]++;
            if (!o.passed()) {
                failures.putIfAbsent(o.ruleKey(), o.testCase().location() + " " + o.testCase().name() + ": " + o.message());
            }
        }
        Map<String, Summary> byRule = new HashMap<>();
        counts.forEach((rule, n) -> byRule.put(rule, new Summary(n[0], n[1], failures.get(rule))));
        return new RuleTestResults(byRule, problems);
    }

    /** The rule's cases, or empty when it has none. */
    public Optional<Summary> of(String ruleKey) {
        return Optional.ofNullable(byRule.get(ruleKey));
    }

    /** Test files that could not be read or name no loaded rule. */
    public List<String> problems() {
        return problems;
    }
}
