package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.cloudwarden.engine.behavior.Events.flow;
import static dev.cloudwarden.engine.behavior.Events.minutes;
import static dev.cloudwarden.engine.behavior.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

class PairVolumeTest {
    private static final long MB = 1_000_000;

    /** {@code hours} of a partner sync: about {@code perHour} bytes an hour in 12 flows, +-50%. */
    static List<Event> steady(int fromHour, int hours, long perHour, Random r) {
        List<Event> out = new ArrayList<>();
        for (int h = fromHour; h < fromHour + hours; h++) {
            for (int i = 0; i < 12; i++) {
                long bytes = (long) (perHour / 12.0 * (0.5 + r.nextDouble()));
                out.add(flow(minutes(h * 60 + i * 5 + r.nextInt(4)), "10.0.2.21", "10.8.1." + (10 + i % 3), bytes));
            }
        }
        return out;
    }

    static List<Event> sorted(List<Event> events) {
        List<Event> s = new ArrayList<>(events);
        s.sort(Comparator.comparing(Event::time));
        return s;
    }

    @Test
    void aBulkTransferAfterLearningAlertsWithTheLargestFlowsAsEvidence() {
        List<Event> events = steady(0, 8, 200 * MB, new Random(1));
        for (int i = 0; i < 6; i++) {
            events.add(flow(minutes(8 * 60 + 20 + i), "10.0.2.21", "10.8.1.10", 2_800 * MB));
        }
        List<Alert> alerts = run(sorted(events));

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.ruleId()).isEqualTo("cloudwarden.behavior.pair_volume");
        assertThat(a.level()).isEqualTo(Level.HIGH);
        assertThat(a.tags()).contains("attack.t1537", "attack.t1199", "cloudwarden.t4");
        assertThat(a.ruleTitle()).contains("111122223333 10.0.0.0/16 > 10.8.0.0/16").contains("moved 16.8 GB in 1h");
        assertThat(a.events()).hasSize(5).allMatch(e -> e.traffic().bytesOut() == 2_800 * MB);
        assertThat(a.events()).isSortedAccordingTo(Comparator.comparing(Event::time));
        assertThat(run(sorted(events))).extracting(Alert::id).as("ids are deterministic").containsExactly(a.id());
    }

    @Test
    void nothingAlertsWhileThePairIsLearning() {
        List<Event> events = steady(0, 3, 200 * MB, new Random(2));
        events.add(flow(minutes(3 * 60 + 5), "10.0.2.21", "10.8.1.10", 20_000 * MB));
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void ordinaryVariationDoesNotAlert() {
        Random r = new Random(3);
        List<Event> events = steady(0, 12, 400 * MB, r);
        // A busy hour at twice the usual volume, a quiet night, then work again.
        events.addAll(steady(12, 1, 800 * MB, r));
        events.addAll(steady(21, 12, 400 * MB, r));
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void aSpikeBelowTheFloorDoesNotAlert() {
        List<Event> events = steady(0, 8, 5 * MB, new Random(4));
        events.add(flow(minutes(9 * 60), "10.0.2.21", "10.8.1.10", 900 * MB)); // 180x usual, under 1 GiB
        assertThat(run(sorted(events))).isEmpty();
    }

    @Test
    void pairsArePrivateNetworksAndOnlyAcceptedCrossNetworkFlowsCount() {
        PairVolume m = new PairVolume();
        assertThat(m.keyOf(flow(minutes(0), "10.0.1.10", "10.0.2.20", 100))).as("within one /16").isNull();
        assertThat(m.keyOf(flow(minutes(0), "10.0.1.10", "10.8.1.1", 100, false))).as("rejected").isNull();
        assertThat(m.keyOf(flow(minutes(0), "10.0.1.10", "10.8.1.1", 0))).as("no bytes").isNull();
        assertThat(m.keyOf(flow(minutes(0), "10.0.1.10", "52.94.7.1", 100))).as("public: egress, not a trusted link").isNull();
        assertThat(m.keyOf(flow(minutes(0), "10.0.1.10", "192.168.4.1", 100))).isEqualTo("111122223333 10.0.0.0/16 > 192.168.0.0/16");
        assertThat(PairVolume.network("172.31.9.9")).isEqualTo("172.31.0.0/16");
        assertThat(PairVolume.network("172.32.9.9")).isNull();
        assertThat(PairVolume.network("fd12:3456:789a:1::1")).isEqualTo("fd12:3456:789a::/48");
        assertThat(PairVolume.network("2001:db8:abcd:12::1")).isNull();
        assertThat(PairVolume.network("not-an-address")).isNull();
    }

    @Test
    void aSpikeDoesNotRaiseTheBaselineForTheNextHour() {
        List<Event> events = steady(0, 8, 200 * MB, new Random(5));
        events.add(flow(minutes(8 * 60 + 10), "10.0.2.21", "10.8.1.10", 20_000 * MB));
        events.add(flow(minutes(9 * 60 + 10), "10.0.2.21", "10.8.1.10", 20_000 * MB));
        assertThat(run(sorted(events))).as("the second hour is as abnormal as the first").hasSize(2);
    }
}
