package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.cloudwarden.engine.behavior.Events.dns;
import static dev.cloudwarden.engine.behavior.Events.flow;
import static dev.cloudwarden.engine.behavior.Events.getObject;
import static dev.cloudwarden.engine.behavior.Events.minutes;
import static dev.cloudwarden.engine.behavior.Events.run;
import static dev.cloudwarden.engine.behavior.Events.web;
import static org.assertj.core.api.Assertions.assertThat;

class BehaviorEngineTest {
    private static final long MB = 1_000_000;

    /** A day with every detector's normal traffic and one attack for each, sorted by time. */
    static List<Event> dayWithAttacks(long seed) {
        Random r = new Random(seed);
        List<Event> events = new ArrayList<>(PairVolumeTest.steady(0, 24, 300 * MB, r));
        for (int i = 0; i < 6; i++) {
            events.add(flow(minutes(6 * 60 + 10 + i), "10.0.2.21", "10.8.1.10", 2_800 * MB));
        }
        for (int i = 0; i < 24 * 40; i++) {
            events.add(getObject(minutes(r.nextDouble() * 24 * 60), "arn:aws:iam::111122223333:user/backup-svc",
                    1 + r.nextInt(20_000_000)));
        }
        for (int i = 0; i < 30; i++) {
            events.add(getObject(minutes(9 * 60 + 30 + i), "arn:aws:iam::111122223333:user/backup-svc", 800 * MB));
        }
        for (int i = 0; i < 24 * 60; i++) {
            events.add(web(minutes(r.nextDouble() * 24 * 60), "10.0.1.10", i % 2 == 0 ? "shop.example.com" : "api.shop.example.com", 200));
            events.add(dns(minutes(r.nextDouble() * 24 * 60), "10.0.2.20", i % 2 == 0 ? "api.github.com" : "s3.amazonaws.com"));
        }
        for (int i = 0; i < 12; i++) {
            events.add(web(minutes(12 * 60 + i * 3), "10.0.1.10", "windows-support-" + i + ".example", 200));
            events.add(dns(minutes(20 * 60 + i * 5 + r.nextDouble() * 0.05), "10.0.2.20", "api.pcloud.com"));
        }
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    @Test
    void everyDetectorFiresOnItsAttackInADayOfNormalTraffic() {
        List<Alert> alerts = run(dayWithAttacks(1));
        assertThat(alerts).extracting(Alert::ruleId).containsExactlyInAnyOrder("cloudwarden.behavior.pair_volume",
                "cloudwarden.behavior.principal_download", "cloudwarden.behavior.vhost_burst",
                "cloudwarden.behavior.storage_api_first_seen", "cloudwarden.behavior.storage_api_beacon");
    }

    /** Input out of event-time order by less than the allowed lateness gives the same alerts as sorted input. */
    @Property(tries = 15)
    void theOutputDoesNotDependOnOutOfOrderArrivalWithinTheLateness(@ForAll @LongRange(min = 1, max = 1_000) long seed,
                                                                     @ForAll @IntRange(min = 1, max = 120) int latenessMinutes) {
        List<Event> sorted = dayWithAttacks(seed);
        Duration lateness = Duration.ofMinutes(latenessMinutes);
        Random r = new Random(seed);
        // Each event is delayed by less than the lateness: arrival order is by time plus the delay.
        List<double[]> keyed = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            keyed.add(new double[]{sorted.get(i).time().toEpochMilli() + r.nextDouble() * (lateness.toMillis() - 1), i});
        }
        keyed.sort(Comparator.comparingDouble(k -> k[0]));
        List<Event> shuffled = keyed.stream().map(k -> sorted.get((int) k[1])).toList();

        List<Alert> expected = run(BehaviorConfig.defaults(), lateness, sorted);
        List<Alert> actual = run(BehaviorConfig.defaults(), lateness, shuffled);
        assertThat(actual).extracting(Alert::id).containsExactlyElementsOf(expected.stream().map(Alert::id).toList());
        assertThat(expected).hasSize(5);
    }

    /** A stationary series (hourly totals within +-60% of a mean) never alerts after learning, even without a floor. */
    @Property(tries = 50)
    void aStationarySeriesNeverAlerts(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                      @ForAll @DoubleRange(min = 1_000, max = 1e12) double mean,
                                      @ForAll @DoubleRange(min = 0, max = 0.6) double spread,
                                      @ForAll @IntRange(min = 1, max = 60) int flowsPerHour) {
        BehaviorConfig config = BehaviorConfig.defaults().withPairVolume(VolumeConfig.pairDefaults().withFloorBytes(0));
        Random r = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 72; h++) {
            double total = mean * (1 - spread + 2 * spread * r.nextDouble());
            for (int i = 0; i < flowsPerHour; i++) {
                events.add(flow(minutes(h * 60 + i * 60.0 / flowsPerHour), "10.0.2.21", "10.8.1.10",
                        Math.max(1, (long) (total / flowsPerHour))));
            }
        }
        assertThat(run(config, Duration.ofMinutes(15), events)).isEmpty();
    }

    @Test
    void idleKeysAreForgottenSoStateStaysBounded() {
        Events.Driven d = new Events.Driven(BehaviorConfig.defaults().withIdleExpiry(Duration.ofHours(6)), Duration.ZERO);
        for (Event e : dayWithAttacks(3)) {
            d.process(e);
        }
        assertThat(d.engine.stateSize().keys()).isPositive();
        // A day later only the one new key's state is left.
        d.process(dns(minutes(48 * 60), "10.9.9.9", "api.github.com"));
        d.process(dns(minutes(49 * 60), "10.9.9.9", "api.github.com"));
        assertThat(d.engine.stateSize().keys()).isEqualTo(1);
        assertThat(d.engine.stateSize().timers()).isEqualTo(1);
        d.finish();
        assertThat(d.engine.stateSize()).isEqualTo(new BehaviorEngine.StateSize(0, 0, 0));
    }

    @Test
    void lateEventsAreCountedAndLeftOut() {
        Events.Driven d = new Events.Driven(BehaviorConfig.defaults(), Duration.ofMinutes(15));
        d.process(dns(minutes(60), "10.0.2.20", "api.github.com"));
        d.process(dns(minutes(30), "10.0.2.20", "api.github.com"));
        d.process(web(minutes(50), "10.0.1.10", "shop.example.com", 200));
        assertThat(d.engine.lateInputs()).isEqualTo(1);
    }

    @Test
    void aDisabledConfigurationRunsNothing() {
        assertThat(BehaviorEngine.detectors(BehaviorConfig.disabled())).isEmpty();
        assertThat(run(BehaviorConfig.disabled(), Duration.ofMinutes(15), dayWithAttacks(4))).isEmpty();
        assertThat(BehaviorEngine.detectors(BehaviorConfig.defaults())).hasSize(4)
                .flatMap(BehaviorDetector::rules).extracting(BehaviorRule::id).allMatch(id -> id.startsWith("cloudwarden.behavior."));
    }
}
