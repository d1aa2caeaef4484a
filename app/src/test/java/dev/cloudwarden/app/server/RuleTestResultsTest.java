package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleTestResultsTest {
    @Test
    void theBuiltInRulesTestsRunAndPassUnderTheirRulesKeys() {
        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        RuleTestResults results = RuleTestResults.run(rules, List.of());
        List<LoadedRule> tested = rules.rules().stream().filter(r -> results.of(r.key()).isPresent()).toList();
        assertThat(tested).as("built-in rules with tests").hasSizeGreaterThan(100);
        assertThat(tested).allSatisfy(r -> assertThat(results.of(r.key()).orElseThrow().failed()).as(r.key()).isZero());
        assertThat(results.problems()).isEmpty();
    }

    @Test
    void aFailingCaseAndAnUnreadableFileAreReportedNotDropped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yml"), """
                title: Mine
                id: 0b6f5a52-5d8e-4c36-9d6e-1a2b3c4d5e6f
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {eventName: Mine}
                  condition: selection
                level: low
                """);
        Files.writeString(dir.resolve("mine.tests.yml"), """
                tests:
                  - {name: fires, match: true, event: {eventName: Mine}}
                  - {name: wrong, match: false, event: {eventName: Mine}}
                """);
        Files.writeString(dir.resolve("broken.tests.yml"), "tests: [ {name: x, match: maybe");
        RuleSet rules = RuleSet.compile(RuleFiles.fromPaths(List.of(dir)), SigmaConfig.defaults(), RuleTuning.NONE);
        RuleTestResults results = RuleTestResults.run(rules, List.of(dir));
        RuleTestResults.Summary mine = results.of(rules.rules().get(0).key()).orElseThrow();
        assertThat(mine.passed()).isEqualTo(1);
        assertThat(mine.failed()).isEqualTo(1);
        assertThat(mine.firstFailure()).contains("wrong", "expected no match");
        assertThat(results.problems()).anySatisfy(p -> assertThat(p).contains("broken.tests.yml"));
    }
}
