package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cloudwarden.engine.sigma.correlate.Scenario.numbers;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.of;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.rules;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.run;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.second;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per correlation type of specification v2.1 (plus value_median, our extension). */
class CorrelationTypesTest {
    private static final String ID = "c0ffee00-0000-4000-8000-000000000001";

    private static String correlation(String type, String rules, String groupBy, String timespan, String condition) {
        return """
                title: Test correlation
                id: %s
                level: high
                tags: [attack.t1110]
                correlation:
                  type: %s
                  rules: %s
                  group-by: %s
                  timespan: %s
                %s
                """.formatted(ID, type, rules, groupBy, timespan, condition.isEmpty() ? "" : "  condition: " + condition);
    }

    @Test
    void eventCountFiresWhenTheGroupReachesTheCount() {
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(30, "ConsoleLogin", "result", "failure", "user", "bob")
                .at(60, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(90, "ConsoleLogin", "result", "failure", "user", "bob")
                .at(120, "ConsoleLogin", "result", "failure", "user", "alice")
                .list();
        List<Alert> alerts = run(rules(correlation("event_count", "[failed_login]", "[user]", "10m", "{gte: 3}")), events);

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.ruleId()).isEqualTo(ID);
        assertThat(a.ruleTitle()).isEqualTo("Test correlation");
        assertThat(a.level()).isEqualTo(Level.HIGH);
        assertThat(a.tags()).containsExactly("attack.t1110");
        assertThat(second(a)).isEqualTo(120);
        assertThat(numbers(a)).containsExactly(0, 2, 4);
    }

    @Test
    void valueCountCountsDistinctValuesOfTheField() {
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.1")
                .at(10, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.1")
                .at(20, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.2")
                .at(30, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(40, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.2")
                .at(50, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.3")
                .list();
        List<Alert> alerts = run(rules(correlation("value_count", "[failed_login]", "[user]", "1h",
                "{field: ip, gte: 3}")), events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(second(a)).isEqualTo(50);
            assertThat(numbers(a)).as("the event without the field takes no part").containsExactly(0, 1, 2, 4, 5);
        });
    }

    @Test
    void temporalNeedsEveryRuleInAnyOrder() {
        var events = Scenario.events()
                .at(0, "AttachUserPolicy", "user", "alice")
                .at(60, "CreateAccessKey", "user", "alice")
                .at(100, "CreateAccessKey", "user", "bob")
                .list();
        List<Alert> alerts = run(rules(correlation("temporal", "[key_created, policy_attached]", "[user]", "5m", "")),
                events);

        assertThat(alerts).singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(0, 1));
    }

    @Test
    void temporalOrderedFiresOnlyWhenTheRulesMatchInTheirOrder() {
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "success", "user", "alice")
                .at(60, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(120, "ConsoleLogin", "result", "success", "user", "alice")
                .list();
        List<Alert> alerts = run(rules(correlation("temporal_ordered", "[failed_login, successful_login]", "[user]",
                "10m", "")), events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(second(a)).isEqualTo(120);
            assertThat(numbers(a)).as("from the chain's first match on").containsExactly(1, 2);
        });
    }

    @Test
    void valueSumAddsTheNumericFieldAndIgnoresNonNumbers() {
        var events = Scenario.events()
                .at(0, "GetObject", "user", "alice", "bytes", 400)
                .at(10, "GetObject", "user", "alice", "bytes", "lots")
                .at(20, "GetObject", "user", "alice", "bytes", "400")
                .at(30, "GetObject", "user", "bob", "bytes", 900)
                .at(40, "GetObject", "user", "alice", "bytes", 300)
                .list();
        List<Alert> alerts = run(rules(correlation("value_sum", "[object_read]", "[user]", "1h",
                "{field: bytes, gt: 1000}")), events);

        assertThat(alerts).singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(0, 2, 4));
    }

    @Test
    void valueAvgAveragesTheNumericField() {
        var events = Scenario.events()
                .at(0, "GetObject", "user", "alice", "bytes", 100)
                .at(10, "GetObject", "user", "alice", "bytes", 800)
                .at(20, "GetObject", "user", "alice", "bytes", 1000)
                .list();
        List<Alert> alerts = run(rules(correlation("value_avg", "[object_read]", "[user]", "1h",
                "{field: bytes, gt: 500}")), events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(second(a)).as("(100+800)/2 = 450, (100+800+1000)/3 = 633").isEqualTo(20);
        });
    }

    @Test
    void valuePercentileWithAPercentileComparesThatPercentileOfTheNumbers() {
        var s = Scenario.events();
        for (int i = 0; i < 9; i++) {
            s.at(i, "GetObject", "user", "alice", "bytes", 100);
        }
        s.at(9, "GetObject", "user", "alice", "bytes", 5000);  // p90 of 10 values: 100 + 0.1 * 4900 = 590
        s.at(10, "GetObject", "user", "alice", "bytes", 5000); // p90 of 11 values: the 10th smallest, 5000
        List<Alert> alerts = run(rules(correlation("value_percentile", "[object_read]", "[user]", "1h",
                "{field: bytes, percentile: 90, gte: 1000}")), s.list());

        assertThat(alerts).singleElement().satisfies(a -> assertThat(second(a)).isEqualTo(10));
    }

    @Test
    void valuePercentileWithoutAPercentileMeasuresHowRareTheValueIs() {
        // the specification's example: a process name seen in at most 10% of a host's process starts
        var s = Scenario.events();
        for (int i = 0; i < 9; i++) {
            s.at(i, "GetObject", "user", "alice", "image", "svchost.exe");
        }
        s.at(9, "GetObject", "user", "alice", "image", "mimikatz.exe");
        List<Alert> alerts = run(rules(correlation("value_percentile", "[object_read]", "[user]", "1d",
                "{field: image, lte: 10}")), s.list());

        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.event().raw().text(FieldPath.of("image"))).isEqualTo("mimikatz.exe"));
    }

    @Test
    void valueMedianIsTheFiftiethPercentile() {
        var events = Scenario.events()
                .at(0, "GetObject", "user", "alice", "bytes", 10)
                .at(1, "GetObject", "user", "alice", "bytes", 20)
                .at(2, "GetObject", "user", "alice", "bytes", 1000)   // median 20
                .at(3, "GetObject", "user", "alice", "bytes", 2000)   // median (20 + 1000) / 2 = 510
                .list();
        List<Alert> alerts = run(rules(correlation("value_median", "[object_read]", "[user]", "1h",
                "{field: bytes, gte: 500}")), events);

        assertThat(alerts).singleElement().satisfies(a -> assertThat(second(a)).isEqualTo(3));
    }

    @Test
    void aRangeNeedsBothBounds() {
        var events = Scenario.events()
                .at(0, "GetObject", "user", "alice", "bytes", 50)
                .at(1, "GetObject", "user", "alice", "bytes", 300)  // alice: 50, then 350, above the range
                .at(2, "GetObject", "user", "bob", "bytes", 50)
                .at(3, "GetObject", "user", "bob", "bytes", 100)    // bob: 150, inside
                .list();
        List<Alert> alerts = run(rules(correlation("value_sum", "[object_read]", "[user]", "1h",
                "{field: bytes, gte: 100, lte: 200}")), events);

        assertThat(alerts).singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(2, 3));
    }

    @Test
    void temporalWithAConditionCountsDistinctRules() {
        var events = Scenario.events()
                .at(0, "AttachUserPolicy", "user", "alice")
                .at(1, "AttachUserPolicy", "user", "alice")
                .at(2, "CreateAccessKey", "user", "alice")
                .list();
        List<Alert> alerts = run(rules(correlation("temporal", "[key_created, policy_attached, failed_login]", "[user]",
                "5m", "{gte: 2}")), events);

        assertThat(of(alerts, ID)).singleElement().satisfies(a -> assertThat(second(a)).isEqualTo(2));
    }
}
