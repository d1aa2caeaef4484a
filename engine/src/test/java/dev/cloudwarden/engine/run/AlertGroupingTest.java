package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.event.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping (dedup): one alert per rule, key and period, counts adding up to the matches. */
class AlertGroupingTest {
    private static final RunConfig CONFIG = RunConfig.of(Trails.rules()).withBehavior(BehaviorConfig.disabled());

    @Test
    void oneRolesManySessionsAreOneAlertWithTheirCountAndTimes() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // a CI role assumes itself every few seconds, each time under a new session name, from two addresses
            records.add(Trails.assumedRoleCall(i * 7L, "deployer", "session-" + i, "DescribeInstances",
                    i % 2 == 0 ? "203.0.113.10" : "203.0.113.11"));
        }
        List<Event> events = Trails.events(records);

        RunResults grouped = RunResults.of(CONFIG, events);
        RunResults every = RunResults.of(CONFIG.withGrouping(AlertGrouping.off()), events);

        assertThat(every.alerts()).hasSize(500);
        // 500 calls over 58 minutes: one role, one account, one hour
        assertThat(grouped.alerts()).singleElement().satisfies(a -> {
            assertThat(a.occurrences().count()).isEqualTo(500);
            assertThat(a.occurrences().firstSeen()).isEqualTo(Trails.T0);
            assertThat(a.occurrences().lastSeen()).isEqualTo(Trails.T0.plusSeconds(499 * 7L));
            assertThat(a.occurrences().groupKey()).startsWith("arn:aws:sts::111122223333:assumed-role/deployer\u001f111122223333");
            assertThat(a.id()).as("the group keeps its first match's id").isEqualTo(every.alerts().get(0).id());
            assertThat(a.events()).hasSize(AlertGrouping.DEFAULT_SAMPLE_SIZE);
        });
        assertThat(grouped.stats().matches()).isEqualTo(500);
        assertThat(grouped.stats().alerts()).isEqualTo(1);
    }

    @Test
    void aNewPeriodOrAnotherRoleIsAnotherAlert() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(Trails.assumedRoleCall(i * 300L, "deployer", "s" + i, "ListBuckets", "203.0.113.10"));
            records.add(Trails.assumedRoleCall(i * 300L + 1, "auditor", "s" + i, "ListBuckets", "203.0.113.10"));
        }
        RunResults grouped = RunResults.of(CONFIG, Trails.events(records));
        // 30 calls every 5 minutes span 2.5 hours: three hourly periods for each of the two roles
        assertThat(grouped.alerts()).hasSize(6);
        assertThat(grouped.alerts().stream().mapToLong(a -> a.occurrences().count()).sum()).isEqualTo(60);
        assertThat(grouped.alerts().stream().map(a -> a.occurrences().groupKey()).distinct()).hasSize(2);
    }

    @Test
    void aRuleDeclaresItsOwnKeyAndPeriod() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // two users fail from the same address: the rule groups by address, over 10 minutes
            records.add(Trails.failedLogin(i * 30L, i % 2 == 0 ? "alice" : "bob", "198.51.100.7"));
        }
        records.add(Trails.failedLogin(40 * 30L, "alice", "198.51.100.8"));
        List<Alert> alerts = RunResults.of(CONFIG, Trails.events(records)).alerts();
        List<Alert> fromFirst = alerts.stream().filter(a -> a.occurrences().groupKey().equals("198.51.100.7")).toList();
        // 40 failures over 19.5 minutes, 10-minute periods: 20 + 20
        assertThat(fromFirst).extracting(a -> a.occurrences().count()).containsExactly(20L, 20L);
        assertThat(alerts).filteredOn(a -> a.occurrences().groupKey().equals("198.51.100.8")).hasSize(1);
    }

    @Test
    void groupingChangesWhatSinksSeeNotWhatIncidentsSee() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(Trails.failedLogin(i * 10L, "alice", "198.51.100.7"));
        }
        List<Event> events = Trails.events(records);
        RunConfig withIncidents = CONFIG.withIncidents(RunConfig.Incidents.defaults());
        RunResults grouped = RunResults.of(withIncidents, events);
        RunResults every = RunResults.of(withIncidents.withGrouping(AlertGrouping.off()), events);

        assertThat(grouped.alerts()).hasSize(1);
        assertThat(grouped.incidents()).singleElement().satisfies(i -> assertThat(i.alerts()).hasSize(50));
        assertThat(grouped.incidents()).extracting(i -> i.id()).isEqualTo(every.incidents().stream().map(i -> i.id()).toList());
        Set<String> everyId = every.alerts().stream().map(Alert::id).collect(Collectors.toSet());
        assertThat(grouped.alerts()).allSatisfy(a -> assertThat(everyId).contains(a.id()));
    }

    @Test
    void thePeriodIsTheRunsUnlessTheRuleSetsOne() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(Trails.assumedRoleCall(i * 600L, "deployer", "s" + i, "ListBuckets", "203.0.113.10"));
        }
        RunResults quarter = RunResults.of(CONFIG.withGrouping(AlertGrouping.defaults().withPeriod(Duration.ofMinutes(15))),
                Trails.events(records));
        // a call every 10 minutes, 15-minute periods: pairs
        assertThat(quarter.alerts()).hasSize(6).allSatisfy(a -> assertThat(a.occurrences().count()).isEqualTo(2));
    }
}
