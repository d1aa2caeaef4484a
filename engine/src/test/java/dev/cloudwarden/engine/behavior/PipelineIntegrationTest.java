package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every detection run gets the behavioral detectors unless it turns them off. */
class PipelineIntegrationTest {
    private static final RuleSet NO_RULES = RuleSet.compile(List.of(), SigmaConfig.defaults());

    private static List<Alert> scan(RunConfig config, List<Event> events) {
        return RunResults.of(config.withAllowedLateness(Duration.ofMinutes(15)).withGrouping(AlertGrouping.off()), events)
                .alerts();
    }

    @Test
    void behavioralAlertsComeOutOfThePipelineByDefault() {
        List<Alert> alerts = scan(RunConfig.of(NO_RULES), BehaviorEngineTest.dayWithAttacks(5));
        assertThat(alerts).extracting(Alert::ruleId).hasSize(5).allMatch(id -> id.startsWith(BehaviorRule.PREFIX));
    }

    @Test
    void aDisabledConfigurationLeavesTheRulesAlone() {
        RunConfig config = RunConfig.of(NO_RULES).withBehavior(BehaviorConfig.disabled());
        assertThat(scan(config, BehaviorEngineTest.dayWithAttacks(5))).isEmpty();
        try (var run = new dev.cloudwarden.engine.run.DetectionRun(config, a -> { }, u -> { })) {
            assertThat(run.detector(BehaviorEngine.class)).isEmpty();
        }
    }
}
