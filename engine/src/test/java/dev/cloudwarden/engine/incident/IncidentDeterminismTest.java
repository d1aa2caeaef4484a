package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.cloudwarden.engine.incident.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentDeterminismTest {
    private static final IncidentOptions OPTIONS = IncidentOptions.defaults().withWindow(Duration.ofMinutes(30));

    /** Attacks that overlap and share entities, with many alerts at the same minute. */
    private static List<Alert> scenario(long seed) {
        Random r = new Random(seed);
        List<Alert> alerts = new ArrayList<>();
        long minute = 0;
        for (int i = 0; i < 2_000; i++) {
            minute += r.nextInt(3);
            TestAlerts a = alert(String.format("%08x", r.nextInt())).at(minute)
                    .tags(r.nextBoolean() ? "attack.initial-access" : "attack.impact");
            switch (r.nextInt(3)) {
                case 0 -> a.srcIp("203.0.113." + r.nextInt(40));
                case 1 -> a.principal("arn:aws:iam::1:user/u" + r.nextInt(40));
                default -> a.srcIp("203.0.113." + r.nextInt(40)).principal("arn:aws:iam::1:user/u" + r.nextInt(40));
            }
            alerts.add(a.build());
        }
        return alerts;
    }

    /** Incident id → its alert ids in kill-chain order. */
    private static Map<String, List<String>> run(List<Alert> alerts) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Incident i : IncidentBuilder.build(alerts, OPTIONS)) {
            List<String> before = out.put(i.id(), i.alerts().stream().map(Alert::id).toList());
            assertThat(before).as("duplicate incident id").isNull();
        }
        return out;
    }

    @Test
    void twoRunsGiveTheSameIncidents() {
        Map<String, List<String>> first = run(scenario(7));
        assertThat(first.size()).isBetween(10, 1_500);
        assertThat(first.values()).anySatisfy(alerts -> assertThat(alerts).hasSizeGreaterThan(5));
        assertThat(run(scenario(7))).isEqualTo(first);
    }

    @Test
    void shufflingAlertsWithinTheSameTimeChangesNothing() {
        List<Alert> sorted = scenario(11);
        Map<String, List<String>> expected = run(sorted);
        for (long seed = 0; seed < 5; seed++) {
            Random r = new Random(seed);
            List<Alert> shuffled = new ArrayList<>();
            int from = 0;
            while (from < sorted.size()) {
                int to = from;
                while (to < sorted.size() && sorted.get(to).time().equals(sorted.get(from).time())) {
                    to++;
                }
                List<Alert> sameTime = new ArrayList<>(sorted.subList(from, to));
                Collections.shuffle(sameTime, r);
                shuffled.addAll(sameTime);
                from = to;
            }
            assertThat(run(shuffled)).isEqualTo(expected);
        }
    }

    @Test
    void outOfOrderWithinTheAllowedLatenessChangesNothing() {
        List<Alert> sorted = scenario(13);
        Map<String, List<String>> expected = run(sorted);
        // displace each alert by up to 10 minutes (the lateness is 15)
        Random r = new Random(3);
        List<Alert> jittered = new ArrayList<>(sorted);
        Map<Alert, Long> key = new java.util.IdentityHashMap<>();
        for (Alert a : jittered) {
            key.put(a, a.time().toEpochMilli() + r.nextInt(10 * 60_000));
        }
        jittered.sort((a, b) -> Long.compare(key.get(a), key.get(b)));
        assertThat(jittered).isNotEqualTo(sorted);
        assertThat(run(jittered)).isEqualTo(expected);
    }

    @Test
    void idsDependOnTheEarliestAlertOnly() {
        Alert a = alert("first").at(0).srcIp("203.0.113.1").build();
        Alert b = alert("second").at(1).srcIp("203.0.113.1").build();
        List<Incident> one = IncidentBuilder.build(List.of(a, b), OPTIONS);
        List<Incident> other = IncidentBuilder.build(List.of(a), OPTIONS);
        assertThat(one.get(0).id()).isEqualTo(other.get(0).id()).isEqualTo(Incident.idOf("first"))
                .matches("[0-9a-f]{32}");
    }
}
