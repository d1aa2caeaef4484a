package dev.cloudwarden.engine.sigma.coverage;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.CatalogRow;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RuleCoverageTest {
    private static final String RULES = """
            title: Console login failed
            id: 00000000-0000-4000-8000-00000000000a
            name: login_failed
            level: low
            tags: [attack.credential-access, attack.t1110.001, cloudwarden.t2]
            logsource: {product: aws, service: cloudtrail}
            detection:
                selection: {eventName: ConsoleLogin}
                condition: selection
            ---
            title: Password guessing on a workstation
            id: 00000000-0000-4000-8000-00000000000b
            level: high
            tags: [attack.T1110.001]
            logsource: {product: windows, service: security}
            detection:
                selection: {EventID: 4625}
                condition: selection
            ---
            title: Brute force
            id: 00000000-0000-4000-8000-00000000000c
            name: brute_force
            level: medium
            tags: [cloudwarden.t2]
            correlation:
                type: event_count
                rules: [login_failed]
                group-by: [sourceIPAddress]
                timespan: 10m
                condition: {gte: 10}
            ---
            title: Brute force, again and again
            id: 00000000-0000-4000-8000-00000000000d
            level: critical
            tags: [cloudwarden.t2, cloudwarden.x9]
            correlation:
                type: event_count
                rules: [brute_force]
                group-by: [sourceIPAddress]
                timespan: 1h
                condition: {gte: 3}
            """;

    private static RuleCoverage coverage() {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("rules.yml", RULES)), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        return RuleCoverage.of(set);
    }

    @Test
    void techniquesListTheirRulesMostSevereFirstWithWhatFeedsThem() {
        RuleCoverage c = coverage();
        assertThat(c.techniques()).singleElement().satisfies(t -> {
            assertThat(t.what()).isEqualTo("T1110.001");
            assertThat(t.rules()).extracting(CoveringRule::title)
                    .containsExactly("Password guessing on a workstation", "Console login failed");
            assertThat(t.rules().get(0).fed()).isFalse();
            assertThat(t.rules().get(1).fedBy()).containsExactly(SourceType.CLOUDTRAIL);
            assertThat(t.fed()).isTrue();
            assertThat(t.fedBy()).containsExactly(SourceType.CLOUDTRAIL);
        });
    }

    @Test
    void correlationsAreFedThroughTheRulesTheyCountEvenWhenChained() {
        RuleCoverage.Covered<CatalogRow> t2 = coverage().catalog().get(1);
        assertThat(t2.what()).isEqualTo(CatalogRow.T2);
        assertThat(t2.rules()).extracting(CoveringRule::title, CoveringRule::level, CoveringRule::correlation).containsExactly(
                tuple("Brute force, again and again", Level.CRITICAL, true),
                tuple("Brute force", Level.MEDIUM, true),
                tuple("Console login failed", Level.LOW, false));
        assertThat(t2.rules()).allSatisfy(r -> assertThat(r.fedBy()).containsExactly(SourceType.CLOUDTRAIL));
    }

    @Test
    void everyCatalogRowIsListedAndUnknownCatalogTagsAreIgnored() {
        RuleCoverage c = coverage();
        assertThat(c.catalog()).extracting(RuleCoverage.Covered::what).containsExactly(CatalogRow.values());
        assertThat(c.uncoveredRows()).hasSize(16).doesNotContain(CatalogRow.T2).startsWith(CatalogRow.T1, CatalogRow.T3);
    }

    @Test
    void aCycleOfCorrelationsFeedsNothingAndEnds() {
        String cycle = """
                title: Ping
                id: 00000000-0000-4000-8000-0000000000e1
                name: ping
                tags: [attack.t1498]
                correlation: {type: event_count, rules: [pong], group-by: [x], timespan: 1m, condition: {gte: 1}}
                ---
                title: Pong
                id: 00000000-0000-4000-8000-0000000000e2
                name: pong
                correlation: {type: event_count, rules: [ping], group-by: [x], timespan: 1m, condition: {gte: 1}}
                """;
        RuleCoverage c = RuleCoverage.of(RuleSet.compile(List.of(new RuleFile("cycle.yml", cycle)), SigmaConfig.defaults()));
        assertThat(c.techniques()).singleElement().satisfies(t -> {
            assertThat(t.what()).isEqualTo("T1498");
            assertThat(t.fed()).isFalse();
        });
    }
}
