package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.event.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Suppressions: Sigma filters with a reason and an expiry, counted in the run's summary. */
class SuppressionsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String CI_ROLE = """
            title: The deployer role calls EC2 all night
            reason: nightly deployment pipeline (SEC-142)
            expires: 2027-06-30
            logsource: {product: aws, service: cloudtrail}
            filter:
              rules: [7f3c1d52-5a54-4f0e-8f0e-0a1b2c3d4e01]
              selection:
                userIdentity.arn|contains: ':assumed-role/deployer/'
              condition: selection
            """;

    private static List<Event> calls() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(Trails.assumedRoleCall(i * 60L, i % 2 == 0 ? "deployer" : "intruder", "s" + i, "RunInstances",
                    "203.0.113.5"));
        }
        return Trails.events(records);
    }

    @Test
    void aSuppressionSilencesItsMatchesAndIsCounted() throws Exception {
        Suppressions s = Suppressions.parse("suppressions.yml", CI_ROLE, NOW);
        RunConfig config = RunConfig.of(Trails.rules()).withBehavior(BehaviorConfig.disabled())
                .withGrouping(AlertGrouping.off()).withSuppressions(s);
        RunResults r = RunResults.of(config, calls());
        assertThat(r.alerts()).hasSize(5).allSatisfy(a -> assertThat(a.event().actor().principal()).contains("/intruder/"));
        assertThat(r.stats().matches()).isEqualTo(10);
        assertThat(r.stats().suppressedTotal()).isEqualTo(5);
        assertThat(r.stats().suppressed().entrySet()).singleElement().satisfies(e -> {
            assertThat(e.getKey().reason()).isEqualTo("nightly deployment pipeline (SEC-142)");
            assertThat(e.getValue()).isEqualTo(5L);
        });
    }

    @Test
    void anExpiredSuppressionSilencesNothing() throws Exception {
        Suppressions s = Suppressions.parse("suppressions.yml", CI_ROLE, Instant.parse("2027-07-01T00:00:00Z"));
        assertThat(s.active()).isEmpty();
        assertThat(s.expired()).singleElement().satisfies(e -> assertThat(e.expires()).isEqualTo("2027-07-01T00:00:00Z"));
        RunResults r = RunResults.of(RunConfig.of(Trails.rules()).withBehavior(BehaviorConfig.disabled())
                .withGrouping(AlertGrouping.off()).withSuppressions(s), calls());
        assertThat(r.alerts()).hasSize(10);
    }

    @Test
    void aSuppressionWithoutAReasonOrWithABadExpiryIsRefusedWithItsLine() {
        String noReason = "---\n" + CI_ROLE.replace("reason: nightly deployment pipeline (SEC-142)\n", "");
        assertThatThrownBy(() -> Suppressions.parse("s.yml", noReason, NOW))
                .isInstanceOf(Suppressions.InvalidSuppressionsException.class)
                .hasMessageContaining("s.yml:2").hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> Suppressions.parse("s.yml", CI_ROLE.replace("2027-06-30", "next summer"), NOW))
                .hasMessageContaining("s.yml:1").hasMessageContaining("expires: must be a date");
        assertThatThrownBy(() -> Suppressions.parse("s.yml", CI_ROLE.replace("condition: selection", "condition: nope"), NOW))
                .hasMessageContaining("s.yml");
        assertThatThrownBy(() -> Suppressions.parse("s.yml", Trails.RULES, NOW))
                .hasMessageContaining("a rule, not a suppression");
    }
}
