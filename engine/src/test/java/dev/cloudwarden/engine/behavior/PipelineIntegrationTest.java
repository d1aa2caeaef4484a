package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.DetectionPipeline;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every caller of the detection pipeline gets the behavioral detectors unless it turns them off. */
class PipelineIntegrationTest {
    private static final RuleSet NO_RULES = RuleSet.compile(List.of(), SigmaConfig.defaults());

    private static List<Alert> scan(DetectionPipeline pipeline, List<Event> events) {
        List<Alert> out = new ArrayList<>();
        events.forEach(e -> pipeline.process(e, out::add));
        pipeline.finish(out::add);
        return out;
    }

    @Test
    void behavioralAlertsComeOutOfThePipelineByDefault() {
        List<Alert> alerts = scan(new DetectionPipeline(NO_RULES, Duration.ofMinutes(15)), BehaviorEngineTest.dayWithAttacks(5));
        assertThat(alerts).extracting(Alert::ruleId).hasSize(5).allMatch(id -> id.startsWith(BehaviorRule.PREFIX));
    }

    @Test
    void aDisabledConfigurationLeavesTheRulesAlone() {
        DetectionPipeline pipeline = new DetectionPipeline(NO_RULES, Duration.ofMinutes(15), BehaviorConfig.disabled());
        assertThat(scan(pipeline, BehaviorEngineTest.dayWithAttacks(5))).isEmpty();
        assertThat(pipeline.behavior().detectors()).isEmpty();
    }
}
