package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.cloudwarden.engine.sigma.correlate.Scenario.numbers;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.rules;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Out-of-order input, lateness, same-time ties, order violations and deterministic ids. */
class CorrelationOrderingTest {
    /** Several types at once, one of them chained, so every path sees the shuffled input. */
    private static final String MIXED = """
            title: Three failures
            id: 0a000000-0000-4000-8000-000000000001
            name: three_failures
            correlation:
              type: event_count
              rules: [failed_login]
              group-by: [user]
              timespan: 5m
              condition: {gte: 3}
            ---
            title: Failures then success
            id: 0a000000-0000-4000-8000-000000000002
            correlation:
              type: temporal_ordered
              rules: [three_failures, successful_login]
              group-by: [user]
              timespan: 10m
              generate: true
            ---
            title: Many bytes
            id: 0a000000-0000-4000-8000-000000000003
            correlation:
              type: value_sum
              rules: [object_read]
              group-by: [user]
              timespan: 10m
              condition: {field: bytes, gte: 2000}
            ---
            title: Many addresses
            id: 0a000000-0000-4000-8000-000000000004
            correlation:
              type: value_count
              rules: [failed_login, successful_login]
              group-by: [user]
              timespan: 15m
              condition: {field: ip, gte: 4}
            """;

    /** A day of mixed activity for a few users, in time order. */
    private static List<Event> day(long seed) {
        Random r = new Random(seed);
        Scenario s = Scenario.events();
        long t = 0;
        for (int i = 0; i < 3_000; i++) {
            t += r.nextInt(40);
            String user = "u" + r.nextInt(4);
            switch (r.nextInt(4)) {
                case 0, 1 -> s.at(t, "ConsoleLogin", "result", "failure", "user", user, "ip", "192.0.2." + r.nextInt(6));
                case 2 -> s.at(t, "ConsoleLogin", "result", "success", "user", user, "ip", "192.0.2." + r.nextInt(6));
                default -> s.at(t, "GetObject", "user", user, "bytes", r.nextInt(1000));
            }
        }
        return s.list();
    }

    /** Reorders events so that none arrives more than {@code bound} after an event later than itself. */
    private static List<Event> shuffledWithin(List<Event> events, Duration bound, long seed) {
        Random r = new Random(seed);
        record Jittered(Event event, long arrival) {
        }
        List<Jittered> j = new ArrayList<>();
        for (Event e : events) {
            j.add(new Jittered(e, e.time().toEpochMilli() + (long) (r.nextDouble() * bound.toMillis())));
        }
        j.sort(Comparator.comparingLong(Jittered::arrival));
        return j.stream().map(Jittered::event).toList();
    }

    private static List<Alert> correlationAlerts(List<Alert> alerts) {
        return alerts.stream().filter(a -> a.ruleId().startsWith("0a000000")).toList();
    }

    @Test
    void inputOutOfOrderWithinTheBoundGivesTheSameAlertsInTheSameOrder() {
        RuleSet set = rules(MIXED);
        List<Event> sorted = day(7);
        List<Event> shuffled = shuffledWithin(sorted, Duration.ofMinutes(5), 11);
        assertThat(shuffled).isNotEqualTo(sorted);

        List<Alert> inOrder = run(set, sorted, Duration.ofMinutes(5));
        List<Alert> outOfOrder = run(set, shuffled, Duration.ofMinutes(5));

        assertThat(correlationAlerts(inOrder)).extracting(Alert::ruleId).contains(
                "0a000000-0000-4000-8000-000000000001", "0a000000-0000-4000-8000-000000000002",
                "0a000000-0000-4000-8000-000000000003", "0a000000-0000-4000-8000-000000000004");
        assertThat(correlationAlerts(outOfOrder)).extracting(Alert::id)
                .containsExactlyElementsOf(correlationAlerts(inOrder).stream().map(Alert::id).toList());
        // detection alerts come out as events arrive; the same ones, in arrival order
        assertThat(outOfOrder).extracting(Alert::id).containsExactlyInAnyOrderElementsOf(
                inOrder.stream().map(Alert::id).toList());
    }

    @Test
    void withoutEnoughAllowedLatenessShuffledInputLosesMatches() {
        RuleSet set = rules(MIXED);
        List<Event> shuffled = shuffledWithin(day(7), Duration.ofMinutes(5), 11);
        DetectionPipelineRun late = DetectionPipelineRun.of(set, shuffled, Duration.ofSeconds(10));

        assertThat(late.pipelineLateMatches).isPositive();
        assertThat(correlationAlerts(late.alerts)).isNotEqualTo(correlationAlerts(run(set, day(7), Duration.ZERO)));
    }

    @Test
    void aMatchLaterThanTheBoundIsDroppedAndCounted() {
        RuleSet set = rules("""
                title: Two failures
                correlation:
                  type: event_count
                  rules: [failed_login]
                  group-by: [user]
                  timespan: 5m
                  condition: {gte: 2}
                """);
        LoadedRule failed = set.rules().stream().filter(r -> "failed_login".equals(r.rule().name())).findFirst().orElseThrow();
        DrivenEngine engine = new DrivenEngine(set, Duration.ofMinutes(1));
        List<Alert> alerts = new ArrayList<>();
        var events = Scenario.events()
                .at(300, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.1")
                .at(239, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.1") // 61 s late
                .at(240, "ConsoleLogin", "result", "failure", "user", "alice", "ip", "192.0.2.1") // 60 s: in time
                .list();
        events.forEach(e -> engine.accept(failed, e, alerts::add));
        engine.finish(alerts::add);

        assertThat(engine.lateMatches()).isEqualTo(1);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(2, 0));
    }

    @Test
    void temporalOrderedIgnoresMatchesOutOfRuleOrder() {
        String rule = """
                title: Key, policy, login
                correlation:
                  type: temporal_ordered
                  rules: [key_created, policy_attached, successful_login]
                  group-by: [user]
                  timespan: 1h
                """;
        var events = Scenario.events()
                .at(0, "AttachUserPolicy", "user", "alice")
                .at(10, "CreateAccessKey", "user", "alice")
                .at(20, "ConsoleLogin", "result", "success", "user", "alice")  // policy came before the key
                .at(30, "ConsoleLogin", "result", "success", "user", "bob")
                .at(40, "AttachUserPolicy", "user", "bob")
                .at(50, "CreateAccessKey", "user", "bob")                      // bob: fully reversed
                .at(60, "AttachUserPolicy", "user", "alice")
                .at(70, "ConsoleLogin", "result", "success", "user", "alice")  // now in order
                .list();
        List<Alert> alerts = run(rules(rule), events);

        assertThat(alerts).singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(1, 2, 6, 7));
    }

    @Test
    void matchesInTheSameMillisecondCountAsInRuleOrderWhateverTheirArrivalOrder() {
        String rule = """
                title: Key then policy
                correlation:
                  type: temporal_ordered
                  rules: [key_created, policy_attached]
                  group-by: [user]
                  timespan: 1m
                """;
        var events = Scenario.events()
                .at(5, "AttachUserPolicy", "user", "alice")
                .at(5, "CreateAccessKey", "user", "alice")
                .list();
        List<Alert> alerts = run(rules(rule), events);

        assertThat(alerts).singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(1, 0));
        assertThat(run(rules(rule), List.of(events.get(1), events.get(0)))).extracting(Alert::id).containsExactly(alerts.get(0).id());
    }

    @Test
    void alertIdsAreTheSameOnEveryRunAndDifferForDifferentEvents() {
        RuleSet set = rules(MIXED);
        List<Alert> first = run(set, day(3), Duration.ofMinutes(5));
        List<Alert> second = run(rules(MIXED), day(3), Duration.ofMinutes(5));

        assertThat(first).isNotEmpty();
        assertThat(second).extracting(Alert::id).containsExactlyElementsOf(first.stream().map(Alert::id).toList());
        Set<String> ids = first.stream().map(Alert::id).collect(Collectors.toSet());
        assertThat(ids).as("no two alerts share an id").hasSize(first.size());
        assertThat(first).allSatisfy(a -> assertThat(a.id()).matches("[0-9a-f]{32}"));
    }

    /** A detection run that also reports the correlations' late-match counter. */
    private record DetectionPipelineRun(List<Alert> alerts, long pipelineLateMatches) {
        static DetectionPipelineRun of(RuleSet set, List<Event> events, Duration lateness) {
            List<Alert> out = new ArrayList<>();
            RunConfig config = RunConfig.of(set).withAllowedLateness(lateness)
                    .withBehavior(dev.cloudwarden.engine.behavior.BehaviorConfig.disabled()).withGrouping(AlertGrouping.off());
            try (var run = new dev.cloudwarden.engine.run.DetectionRun(config, out::add, u -> { })) {
                events.forEach(run::accept);
                run.finish();
                return new DetectionPipelineRun(out, run.lateInputs().getOrDefault("correlations", 0L));
            }
        }
    }
}
