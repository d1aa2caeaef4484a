package dev.cloudwarden.engine.sigma.ruletest;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs rule test files against a loaded rule set. A file tests the rule named by its {@code rule:} id, or
 * else the rule from the file it sits beside ({@code x.tests.yml} next to {@code x.yml}), or the user's rule that
 * replaced that one.
 */
public final class RuleTestRunner {
    /** One case's outcome. */
    public record Outcome(RuleTestFile file, RuleTestCase testCase, String ruleKey, boolean passed, String message) {
    }

    private RuleTestRunner() {
    }

    public static List<Outcome> run(RuleSet rules, List<RuleTestFile> files) {
        List<Outcome> out = new ArrayList<>();
        for (RuleTestFile f : files) {
            Optional<LoadedRule> rule = find(rules, f);
            for (RuleTestCase c : f.cases()) {
                if (rule.isEmpty()) {
                    out.add(new Outcome(f, c, null, false, "no loaded rule for " + f.file()
                            + (f.ruleId() != null ? " (rule: " + f.ruleId() + ")" : " (no rule file beside it)")));
                    continue;
                }
                boolean hit = rule.get().evaluator().matches(RawRecord.ofTree(c.event()));
                boolean passed = hit == c.expectMatch();
                out.add(new Outcome(f, c, rule.get().key(), passed, passed ? "ok"
                        : (c.expectMatch() ? "expected a match, the rule did not fire" : "expected no match, the rule fired")));
            }
        }
        return out;
    }

    private static Optional<LoadedRule> find(RuleSet rules, RuleTestFile f) {
        if (f.ruleId() != null) {
            return rules.rule(f.ruleId());
        }
        String base = f.file().replaceFirst("\\.tests\\.ya?ml$", "");
        Optional<LoadedRule> beside = rules.rules().stream().filter(r -> besideRule(base, r.rule().source().file())).findFirst();
        if (beside.isPresent()) {
            return beside;
        }
        // the rule beside it was replaced by a user's rule with its id: the cases now test the user's version
        return rules.replacements().stream().filter(r -> besideRule(base, r.builtIn().file())).findFirst()
                .flatMap(r -> rules.rule(r.id()));
    }

    private static boolean besideRule(String testBase, String ruleFile) {
        return ruleFile.equals(testBase + ".yml") || ruleFile.equals(testBase + ".yaml");
    }
}
