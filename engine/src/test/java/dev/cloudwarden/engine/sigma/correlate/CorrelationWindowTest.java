package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.cloudwarden.engine.sigma.correlate.Scenario.T0;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.numbers;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.rules;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.run;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.second;
import static org.assertj.core.api.Assertions.assertThat;

/** Sliding event-time windows: edges, groups, suppression and bounded state. */
class CorrelationWindowTest {
    private static final String TWO_FAILURES = """
            title: Two failures
            correlation:
              type: event_count
              rules: [failed_login]
              group-by: [user]
              timespan: 10m
              condition: {gte: 2}
            """;

    @Test
    void eventsExactlyOneTimespanApartShareAWindow() {
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(600, "ConsoleLogin", "result", "failure", "user", "alice")
                .list();
        assertThat(run(rules(TWO_FAILURES), events)).singleElement()
                .satisfies(a -> assertThat(numbers(a)).containsExactly(0, 1));
    }

    @Test
    void oneSecondPastTheTimespanIsAnotherWindow() {
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(601, "ConsoleLogin", "result", "failure", "user", "alice")
                .list();
        assertThat(run(rules(TWO_FAILURES), events)).isEmpty();
    }

    @Test
    void groupsAreSeparatedByEveryGroupByField() {
        String rule = """
                title: Two failures per user and address
                correlation:
                  type: event_count
                  rules: [failed_login]
                  group-by: [user, ip]
                  timespan: 10m
                  condition: {gte: 2}
                """;
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.1")
                .at(1, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.2")
                .at(2, "ConsoleLogin", "result", "failure", "user", "bob", "ip", "192.0.2.1")
                .at(3, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.1")
                .at(4, "ConsoleLogin", "result", "failure", "ip", "192.0.2.2")
                .at(5, "ConsoleLogin", "result", "failure", "ip", "192.0.2.2")
                .list();
        List<Alert> alerts = run(rules(rule), events);

        assertThat(alerts).as("only alice at 192.0.2.1 failed twice; events without a user form no group")
                .singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(0, 3));
    }

    @Test
    void withoutGroupByEverythingIsOneGroup() {
        String rule = """
                title: Two failures anywhere
                correlation:
                  type: event_count
                  rules: [failed_login]
                  timespan: 10m
                  condition: {gte: 2}
                """;
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(1, "ConsoleLogin", "result", "failure", "user", "bob")
                .list();
        assertThat(run(rules(rule), events)).hasSize(1);
    }

    @Test
    void aGroupAlertsOnceAndAgainOnlyAfterTheFiringWindowHasPassed() {
        var s = Scenario.events();
        for (int i = 0; i <= 30; i++) {
            s.at(60L * i, "ConsoleLogin", "result", "failure", "user", "alice");
        }
        String rule = TWO_FAILURES.replace("gte: 2", "gte: 3");
        List<Alert> alerts = run(rules(rule), s.list());

        // fires at 2 min (0, 1, 2); quiet through 12 min; fires at 13 min over 3..13; quiet through 23; fires at 24
        assertThat(alerts).extracting(Scenario::second).containsExactly(120L, 780L, 1440L);
        Set<Integer> seen = new HashSet<>();
        for (Alert a : alerts) {
            assertThat(numbers(a)).as("no event feeds two alerts").allMatch(seen::add);
        }
        assertThat(numbers(alerts.get(1))).first().isEqualTo(3);
    }

    @Test
    void stateStaysBoundedOverALongStreamAndIsEmptyAfterFinish() {
        RuleSet set = rules(TWO_FAILURES + """
                ---
                title: Many addresses
                correlation:
                  type: value_count
                  rules: [failed_login]
                  group-by: [user]
                  timespan: 10m
                  condition: {field: ip, gte: 1000}
                ---
                title: Fail then succeed
                correlation:
                  type: temporal_ordered
                  rules: [failed_login, successful_login]
                  group-by: [user]
                  timespan: 10m
                """);
        LoadedRule failed = set.rules().stream().filter(r -> "failed_login".equals(r.rule().name())).findFirst().orElseThrow();
        DrivenEngine engine = new DrivenEngine(set, Duration.ofMinutes(1));
        List<Alert> alerts = new ArrayList<>();
        int maxKeys = 0;
        int maxEntries = 0;
        // 20,000 failures, one every 30 s (about a week), across 50 users: a 10-minute window holds 21 of them
        for (int i = 0; i < 20_000; i++) {
            Event e = Scenario.event(T0.plusSeconds(30L * i), "ConsoleLogin", i, "result", "failure",
                    "user", "u" + (i % 50), "ip", "10.0." + (i % 7) + ".1");
            engine.accept(failed, e, alerts::add);
            maxKeys = Math.max(maxKeys, engine.stateSize().keys());
            maxEntries = Math.max(maxEntries, engine.stateSize().entries());
        }

        assertThat(alerts).isEmpty();
        // three correlations × the users seen in the last 10 min + 1 min of lateness (at most 23 users)
        assertThat(maxKeys).isLessThanOrEqualTo(3 * 23);
        assertThat(maxEntries).isLessThan(300);
        assertThat(engine.stateSize().timers()).isLessThan(200);
        engine.finish(alerts::add);
        assertThat(engine.stateSize()).isEqualTo(new CorrelationEngine.StateSize(0, 0, 0));
    }

    @Test
    void stateOfFiringGroupsIsReleasedToo() {
        var s = Scenario.events();
        for (int i = 0; i < 2_000; i++) {
            s.at(20L * i, "ConsoleLogin", "result", "failure", "user", "u" + (i % 10));
        }
        RuleSet set = rules(TWO_FAILURES);
        LoadedRule failed = set.rules().stream().filter(r -> "failed_login".equals(r.rule().name())).findFirst().orElseThrow();
        DrivenEngine engine = new DrivenEngine(set, Duration.ZERO);
        List<Alert> alerts = new ArrayList<>();
        int maxEntries = 0;
        for (Event e : s.list()) {
            engine.accept(failed, e, alerts::add);
            maxEntries = Math.max(maxEntries, engine.stateSize().entries());
        }
        engine.finish(alerts::add);

        // each user fails every 200 s for 40,000 s: fires at its 2nd failure, then quiet for 600 s, so every 800 s
        assertThat(alerts).hasSize(10 * 50);
        // per user: a window of at most 4 entries plus its bookkeeping; plus the one match awaiting the watermark
        assertThat(maxEntries).isLessThanOrEqualTo(10 * (4 + 1) + 1);
        assertThat(engine.stateSize()).isEqualTo(new CorrelationEngine.StateSize(0, 0, 0));
    }

    @Test
    void alertTimesAreEventTimesNotWallTime() {
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(5, "ConsoleLogin", "result", "failure", "user", "alice")
                .list();
        assertThat(run(rules(TWO_FAILURES), events)).singleElement()
                .satisfies(a -> assertThat(second(a)).isEqualTo(5));
    }
}
