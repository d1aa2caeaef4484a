package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.cloudwarden.engine.behavior.Events.minutes;
import static dev.cloudwarden.engine.behavior.Events.run;
import static dev.cloudwarden.engine.behavior.Events.web;
import static org.assertj.core.api.Assertions.assertThat;

class VhostBurstDetectorTest {
    private static final String SERVER = "10.0.1.10";
    private static final String[] SITES = {"shop.example.com", "www.shop.example.com", "api.shop.example.com"};

    /** The shop's own sites all day, plus scanners trying names that get 404 and the bare address. */
    private static List<Event> shop(int hours, Random r) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < hours * 60; i++) {
            out.add(web(minutes(r.nextDouble() * hours * 60), SERVER, SITES[r.nextInt(SITES.length)], 200));
        }
        for (int i = 0; i < hours * 4; i++) {
            out.add(web(minutes(r.nextDouble() * hours * 60), SERVER, "probe" + r.nextInt(1_000_000) + ".example", 404));
            out.add(web(minutes(r.nextDouble() * hours * 60), SERVER, "10.0.1.10", 200));
        }
        return out;
    }

    private static List<Event> scam(double fromMinute, int sites) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            out.add(web(minutes(fromMinute + i * 2), SERVER, "windows-support-" + (100 + i) + ".example", 200));
            out.add(web(minutes(fromMinute + i * 2 + 1), SERVER, "windows-support-" + (100 + i) + ".example", 200));
        }
        return out;
    }

    private static List<Event> sorted(List<Event> events) {
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    @Test
    void manyNewHostsWithinAnHourAlertOnce() {
        List<Event> events = shop(24, new Random(1));
        events.addAll(scam(12 * 60, 15));
        List<Alert> alerts = run(sorted(events));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("cloudwarden.behavior.vhost_burst");
            assertThat(a.tags()).contains("attack.t1583", "attack.t1608", "cloudwarden.a4");
            assertThat(a.ruleTitle()).startsWith("Burst of new virtual hosts on one server: 10.0.1.10:80 served 5 new hosts");
            assertThat(a.events()).hasSize(5).allMatch(e -> e.dst().host().startsWith("windows-support-"));
        });
    }

    @Test
    void hostsServedWhileLearningAreTheServersOwn() {
        List<Event> events = shop(24, new Random(2));
        events.addAll(scam(30, 15));
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void aSiteLaunchAddingTwoNamesIsNotABurst() {
        List<Event> events = shop(24, new Random(3));
        events.add(web(minutes(600), SERVER, "status.shop.example.com", 200));
        events.add(web(minutes(603), SERVER, "blog.shop.example.com", 200));
        events.add(web(minutes(900), SERVER, "careers.shop.example.com", 200));
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void newHostsSpreadOverTheDayAreNotABurst() {
        List<Event> events = shop(24, new Random(4));
        for (int i = 0; i < 10; i++) {
            events.add(web(minutes(180 + i * 100), SERVER, "campaign-" + i + ".shop.example.com", 200));
        }
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void aLogWithoutTargetsIsNotUsed() {
        Event proxied = web(minutes(0), SERVER, "example.org", 200);
        VhostBurstDetector d = new VhostBurstDetector(VhostBurstConfig.defaults(), java.time.Duration.ofDays(7));
        assertThat(d.keyOf(proxied)).isEqualTo("10.0.1.10:80");
        assertThat(VhostBurstDetector.vhost(web(minutes(0), SERVER, "Shop.Example.COM", 301))).isEqualTo("shop.example.com");
        assertThat(VhostBurstDetector.vhost(web(minutes(0), SERVER, "shop.example.com", 404))).isNull();
        assertThat(VhostBurstDetector.vhost(web(minutes(0), SERVER, "2001:db8::1", 200))).isNull();
    }
}
