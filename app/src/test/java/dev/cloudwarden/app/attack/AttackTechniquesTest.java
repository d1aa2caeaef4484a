package dev.cloudwarden.app.attack;

import dev.cloudwarden.engine.incident.Tactic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttackTechniquesTest {
    private final AttackTechniques attack = AttackTechniques.builtIn();

    @Test
    void aSubTechniqueOutsideTheTableIsNamedAndPlacedByItsParent() {
        assertThat(attack.name("T1078")).isEqualTo("Valid Accounts");
        assertThat(attack.name("T1078.004")).isEqualTo("Valid Accounts (.004)");
        assertThat(attack.tactics("T1078.004")).isEqualTo(attack.tactics("T1078")).contains(Tactic.INITIAL_ACCESS);
    }

    @Test
    void anUnknownTechniqueHasNoNameAndNoTactic() {
        assertThat(attack.name("T9999")).isEmpty();
        assertThat(attack.name("T9999.001")).isEmpty();
        assertThat(attack.tactics("T9999.001")).isEmpty();
    }
}
