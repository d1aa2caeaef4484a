package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules, events and a runner for the correlation tests. */
final class Scenario {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** Detection rules over CloudTrail-shaped test events, referenced by name or id in the tests. */
    static final String BASE_RULES = """
            title: Failed login
            id: 6f1a4c0e-0000-4000-8000-000000000001
            name: failed_login
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection: {eventName: ConsoleLogin, result: failure}
              condition: selection
            ---
            title: Successful login
            id: 6f1a4c0e-0000-4000-8000-000000000002
            name: successful_login
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection: {eventName: ConsoleLogin, result: success}
              condition: selection
            ---
            title: Object read
            id: 6f1a4c0e-0000-4000-8000-000000000003
            name: object_read
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection: {eventName: GetObject}
              condition: selection
            ---
            title: Access key created
            id: 6f1a4c0e-0000-4000-8000-000000000004
            name: key_created
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection: {eventName: CreateAccessKey}
              condition: selection
            ---
            title: Policy attached
            id: 6f1a4c0e-0000-4000-8000-000000000005
            name: policy_attached
            logsource: {product: aws, service: cloudtrail}
            detection:
              selection: {eventName: AttachUserPolicy}
              condition: selection
            """;

    private final List<Event> events = new ArrayList<>();

    private Scenario() {
    }

    static Scenario events() {
        return new Scenario();
    }

    /** The base rules plus the given correlation documents, which must load without errors. */
    static RuleSet rules(String correlations) {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("base.yml", BASE_RULES),
                new RuleFile("correlation.yml", correlations)), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        return set;
    }

    /**
     * Adds an event {@code seconds} after {@link #T0} with the given name and field pairs; a running number
     * keeps every event's text distinct.
     */
    Scenario at(long seconds, String eventName, Object... fields) {
        events.add(event(T0.plusSeconds(seconds), eventName, events.size(), fields));
        return this;
    }

    List<Event> list() {
        return List.copyOf(events);
    }

    static Event event(Instant time, String eventName, int n, Object... fields) {
        StringBuilder json = new StringBuilder("{\"eventTime\":\"").append(time).append("\",\"eventName\":\"")
                .append(eventName).append('"');
        for (int i = 0; i < fields.length; i += 2) {
            json.append(",\"").append(fields[i]).append("\":");
            Object v = fields[i + 1];
            json.append(v instanceof Number ? v.toString() : "\"" + v + "\"");
        }
        json.append(",\"n\":").append(n).append('}');
        return Event.builder(SourceType.CLOUDTRAIL, time, RawRecord.ofJson(json.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    /** Every alert (ungrouped) of a detection run over {@code events} in the given order, to the end. */
    static List<Alert> run(RuleSet rules, List<Event> events, Duration allowedLateness) {
        return RunResults.of(RunConfig.of(rules).withAllowedLateness(allowedLateness)
                .withBehavior(dev.cloudwarden.engine.behavior.BehaviorConfig.disabled())
                .withGrouping(AlertGrouping.off()), events).alerts();
    }

    static List<Alert> run(RuleSet rules, List<Event> events) {
        return run(rules, events, Duration.ZERO);
    }

    static List<Alert> of(List<Alert> alerts, String ruleId) {
        return alerts.stream().filter(a -> a.ruleId().equals(ruleId)).toList();
    }

    /** The running numbers of an alert's events, to say which events made it. */
    static List<Integer> numbers(Alert alert) {
        return alert.events().stream().map(e -> e.raw().tree().get("n").asInt()).toList();
    }

    static long second(Alert alert) {
        return Duration.between(T0, alert.time()).toSeconds();
    }
}
