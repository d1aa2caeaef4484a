package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.cloudwarden.engine.sigma.correlate.Scenario.numbers;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.of;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.rules;
import static dev.cloudwarden.engine.sigma.correlate.Scenario.run;
import static org.assertj.core.api.Assertions.assertThat;

/** References by id and name, chained correlations, aliases and generate. */
class CorrelationChainingTest {
    private static final String FAILED = "6f1a4c0e-0000-4000-8000-000000000001";
    private static final String SUCCEEDED = "6f1a4c0e-0000-4000-8000-000000000002";

    /** The specification's closing example, on our test events. */
    private static final String BRUTE_FORCE = """
            title: Multiple failed logins followed by a successful one
            id: b180ead8-d58f-40b2-ae54-c8940995b9b6
            level: high
            correlation:
              type: temporal_ordered
              rules: [multiple_failed_login, successful_login]
              group-by: [user]
              timespan: 10m
            ---
            title: Multiple failed logins
            id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
            name: multiple_failed_login
            correlation:
              type: event_count
              rules: [failed_login]
              group-by: [user]
              timespan: 10m
              condition: {gte: 3}
            """;

    private static List<Event> bruteForce() {
        return Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(10, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(20, "ConsoleLogin", "result", "success", "user", "bob")
                .at(30, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(40, "ConsoleLogin", "result", "failure", "user", "bob")
                .at(50, "ConsoleLogin", "result", "failure", "user", "bob")
                .at(60, "ConsoleLogin", "result", "failure", "user", "bob")
                .at(70, "ConsoleLogin", "result", "success", "user", "alice")
                .list();
    }

    @Test
    void aCorrelationChainsOnAnotherCorrelationsAlerts() {
        List<Alert> alerts = run(rules(BRUTE_FORCE), bruteForce());

        assertThat(alerts).as("bob succeeded before failing; inner and base rules stay internal").singleElement()
                .satisfies(a -> {
                    assertThat(a.ruleId()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
                    assertThat(numbers(a)).containsExactly(0, 1, 3, 7);
                });
    }

    @Test
    void generateTrueOnTheOuterCorrelationKeepsTheInnerOnesAlerts() {
        String rule = BRUTE_FORCE.replace("  timespan: 10m\n---", "  timespan: 10m\n  generate: true\n---");
        List<Alert> alerts = run(rules(rule), bruteForce());

        assertThat(of(alerts, "a8418a5a-5fc4-46b5-b23b-6c73beb19d41")).hasSize(2); // alice and bob
        assertThat(of(alerts, SUCCEEDED)).as("the outer correlation references it directly").hasSize(2);
        assertThat(of(alerts, FAILED)).as("referenced by the inner one, which does not generate").isEmpty();
        assertThat(of(alerts, "b180ead8-d58f-40b2-ae54-c8940995b9b6")).hasSize(1);
    }

    @Test
    void referencedRulesDoNotAlertOnTheirOwnByDefault() {
        String rule = """
                title: Three failures
                correlation:
                  type: event_count
                  rules: [failed_login]
                  group-by: [user]
                  timespan: 10m
                  condition: {gte: 3}
                """;
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(1, "ConsoleLogin", "result", "success", "user", "alice")
                .list();
        List<Alert> alerts = run(rules(rule), events);

        assertThat(alerts).extracting(Alert::ruleId).as("successful_login is referenced by no correlation")
                .containsExactly(SUCCEEDED);
    }

    @Test
    void generateTrueKeepsTheReferencedRulesAlerts() {
        String rule = """
                title: Three failures
                correlation:
                  type: event_count
                  rules: [failed_login]
                  group-by: [user]
                  timespan: 10m
                  condition: {gte: 3}
                  generate: true
                """;
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(1, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(2, "ConsoleLogin", "result", "failure", "user", "alice")
                .list();
        List<Alert> alerts = run(rules(rule), events);

        assertThat(of(alerts, FAILED)).hasSize(3);
        assertThat(alerts).hasSize(4);
    }

    @Test
    void rulesCanBeReferencedByIdAsWellAsByName() {
        String rule = """
                title: Failure then success
                correlation:
                  type: temporal_ordered
                  rules: [%s, successful_login]
                  group-by: [user]
                  timespan: 10m
                """.formatted(FAILED);
        var events = Scenario.events()
                .at(0, "ConsoleLogin", "result", "failure", "user", "alice")
                .at(1, "ConsoleLogin", "result", "success", "user", "alice")
                .list();
        assertThat(run(rules(rule), events)).singleElement().satisfies(a -> assertThat(numbers(a)).containsExactly(0, 1));
    }

    @Test
    void aliasesReadADifferentFieldForEachRule() {
        // the specification's aliases example: one rule's destination is the other's source
        String rule = """
                title: Error then connection from the same host
                correlation:
                  type: temporal
                  rules: [key_created, policy_attached]
                  group-by: [internal_ip, remote_ip]
                  timespan: 10s
                  aliases:
                    internal_ip:
                      key_created: destination.ip
                      policy_attached: source.ip
                    remote_ip:
                      key_created: source.ip
                      policy_attached: destination.ip
                """;
        List<Event> events = List.of(
                json(0, "CreateAccessKey", "{\"ip\":\"198.51.100.7\"}", "{\"ip\":\"10.0.0.5\"}", 0),
                json(1, "AttachUserPolicy", "{\"ip\":\"10.0.0.5\"}", "{\"ip\":\"198.51.100.9\"}", 1),
                json(2, "AttachUserPolicy", "{\"ip\":\"10.0.0.5\"}", "{\"ip\":\"198.51.100.7\"}", 2));
        List<Alert> alerts = run(rules(rule), events);

        assertThat(alerts).as("the second policy event's remote address differs").singleElement()
                .satisfies(a -> assertThat(numbers(a)).containsExactly(0, 2));
    }

    private static Event json(long second, String name, String source, String destination, int n) {
        String text = "{\"eventName\":\"%s\",\"source\":%s,\"destination\":%s,\"n\":%d}".formatted(name, source, destination, n);
        return Event.builder(SourceType.CLOUDTRAIL, Scenario.T0.plusSeconds(second),
                RawRecord.ofJson(text.getBytes(StandardCharsets.UTF_8))).build();
    }

    @Test
    void correlationsInAReferenceCycleAreRefusedWithoutHangingTheRest() {
        String rule = """
                title: Loop A
                name: loop_a
                correlation:
                  type: event_count
                  rules: [loop_b]
                  timespan: 10m
                  condition: {gte: 1}
                ---
                title: Loop B
                name: loop_b
                correlation:
                  type: event_count
                  rules: [loop_a, failed_login]
                  timespan: 10m
                  condition: {gte: 1}
                ---
                title: Fine
                id: 0d1f5c1e-0000-4000-8000-000000000009
                correlation:
                  type: event_count
                  rules: [failed_login]
                  timespan: 10m
                  condition: {gte: 1}
                """;
        RuleSet set = RuleSet.compile(List.of(new RuleFile("base.yml", Scenario.BASE_RULES),
                new RuleFile("loop.yml", rule)), SigmaConfig.defaults());
        CorrelationEngine engine = new CorrelationEngine(set);

        assertThat(engine.problems()).hasSize(2).allMatch(p -> p.contains("cycle"));
        var events = Scenario.events().at(0, "ConsoleLogin", "result", "failure", "user", "alice").list();
        assertThat(run(set, events)).extracting(Alert::ruleId).containsExactly("0d1f5c1e-0000-4000-8000-000000000009");
    }
}
