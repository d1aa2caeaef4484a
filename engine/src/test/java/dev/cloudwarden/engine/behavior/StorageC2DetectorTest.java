package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.cloudwarden.engine.behavior.Events.dns;
import static dev.cloudwarden.engine.behavior.Events.minutes;
import static dev.cloudwarden.engine.behavior.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

class StorageC2DetectorTest {
    private static final String HOST = "10.0.2.20";

    /** A server's everyday lookups (S3, GitHub, its database) at random times over {@code hours}. */
    private static List<Event> everyday(String host, double fromHour, double hours, Random r) {
        List<Event> out = new ArrayList<>();
        String[] names = {"s3.us-east-1.amazonaws.com", "api.github.com", "db.internal.acme.example", "sts.amazonaws.com"};
        for (int i = 0; i < hours * 20; i++) {
            out.add(dns(minutes(fromHour * 60 + r.nextDouble() * hours * 60), host, names[r.nextInt(names.length)]));
        }
        return out;
    }

    private static List<Event> beacon(String host, String name, double fromMinute, int count, double everyMinutes, Random r) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(dns(minutes(fromMinute + i * everyMinutes + r.nextDouble() * 0.05), host, name));
        }
        return out;
    }

    private static List<Event> sorted(List<Event> events) {
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    @Test
    void aNewStorageApiAfterLearningIsFirstSeenThenABeacon() {
        Random r = new Random(1);
        List<Event> events = everyday(HOST, 0, 24, r);
        events.addAll(beacon(HOST, "api.pcloud.com", 20 * 60, 8, 5, r));
        List<Alert> alerts = run(sorted(events));

        assertThat(alerts).extracting(Alert::ruleId).containsExactly("cloudwarden.behavior.storage_api_first_seen",
                "cloudwarden.behavior.storage_api_beacon");
        Alert first = alerts.get(0);
        assertThat(first.level()).isEqualTo(Level.MEDIUM);
        assertThat(first.tags()).contains("attack.t1102", "attack.t1567.002", "cloudwarden.m6");
        assertThat(first.events()).singleElement().satisfies(e -> assertThat(e.time()).isEqualTo(events.stream()
                .filter(x -> x.dst().host().equals("api.pcloud.com")).findFirst().orElseThrow().time()));
        Alert beat = alerts.get(1);
        assertThat(beat.level()).isEqualTo(Level.HIGH);
        assertThat(beat.ruleTitle()).contains("every 300s");
        assertThat(beat.events()).hasSize(6).allMatch(e -> e.dst().host().equals("api.pcloud.com"));
    }

    @Test
    void storageUsedDuringLearningIsTheHostsOwnEvenWhenRegular() {
        Random r = new Random(2);
        List<Event> events = everyday(HOST, 0, 24, r);
        events.addAll(beacon(HOST, "api.box.com", 30, 250, 5, r)); // a sync job every five minutes, all day
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void nothingAlertsWhileTheHostIsLearning() {
        Random r = new Random(3);
        List<Event> events = everyday(HOST, 0, 24, r);
        events.addAll(beacon(HOST, "content.dropboxapi.com", 60, 12, 5, r));
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void irregularUseOfANewStorageApiIsFirstSeenOnly() {
        Random r = new Random(4);
        List<Event> events = everyday(HOST, 0, 24, r);
        double t = 10 * 60;
        for (int i = 0; i < 30; i++) {
            t += -Math.log(1 - r.nextDouble()) * 20; // independent uploads, 20 minutes apart on average
            events.add(dns(minutes(t), HOST, "api.dropboxapi.com"));
        }
        assertThat(run(sorted(events))).extracting(Alert::ruleId).containsExactly("cloudwarden.behavior.storage_api_first_seen");
    }

    @Test
    void regularLookupsOfOtherNamesAreNotWatched() {
        Random r = new Random(5);
        List<Event> events = everyday(HOST, 0, 24, r);
        events.addAll(beacon(HOST, "metrics.monitoring.example", 600, 100, 1, r));
        events.addAll(beacon(HOST, "notdropboxapi.com", 600, 100, 1, r));
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void destinationsAreStorageDomainsAndEverythingUnderThem() {
        StorageC2Config c = StorageC2Config.defaults();
        assertThat(c.destinationOf("api.pcloud.com.")).isEqualTo("pcloud.com");
        assertThat(c.destinationOf("EAPI.PCLOUD.COM")).isEqualTo("pcloud.com");
        assertThat(c.destinationOf("cloud-api.yandex.net")).isEqualTo("cloud-api.yandex.net");
        assertThat(c.destinationOf("yandex.net")).isNull();
        assertThat(c.destinationOf("evilbox.com")).isNull();
        assertThat(c.destinationOf("s3.amazonaws.com")).isNull();
    }

    @Test
    void intervalsGiveMeanAndCoefficientOfVariation() {
        List<Event> regular = List.of(dns(minutes(0), HOST, "a"), dns(minutes(5), HOST, "a"), dns(minutes(10), HOST, "a"));
        assertThat(StorageC2Detector.intervals(regular)).containsExactly(300_000, 0);
        List<Event> uneven = List.of(dns(minutes(0), HOST, "a"), dns(minutes(1), HOST, "a"), dns(minutes(4), HOST, "a"));
        assertThat(StorageC2Detector.intervals(uneven)[1]).isEqualTo(0.5);
    }
}
