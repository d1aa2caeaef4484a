package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleTuningTest {

    @Test
    void theShippedTuningNamesLoadedRulesAndChangesTheirLevel() {
        RuleTuning tuning = RuleTuning.builtIn();
        RuleSet plain = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults());
        RuleSet tuned = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), tuning);
        assertThat(tuning.levels()).isNotEmpty();
        for (var e : tuning.levels().entrySet()) {
            assertThat(plain.rules()).as("tuned rule %s is shipped", e.getKey()).anyMatch(r -> r.key().equals(e.getKey()));
            assertThat(tuned.rules().stream().filter(r -> r.key().equals(e.getKey())).findFirst().orElseThrow().rule().level())
                    .isEqualTo(e.getValue().level());
            assertThat(e.getValue().reason()).isNotBlank();
        }
        assertThat(plain.rules().stream().filter(r -> r.key().equals("6393e346-1977-46ef-8987-ad414a145fad"))
                .findFirst().orElseThrow().rule().level()).isEqualTo(Level.MEDIUM);
    }

    @Test
    void aBadTuningFileSaysWhatIsWrong() {
        assertThatThrownBy(() -> RuleTuning.parse("t.yml", "levels:\n  abc: {level: severe}\n"))
                .hasMessage("t.yml: levels.abc: unknown level 'severe'");
        assertThatThrownBy(() -> RuleTuning.parse("t.yml", "levels:\n  abc: {reason: x}\n"))
                .hasMessage("t.yml: levels.abc needs 'level'");
    }
}
