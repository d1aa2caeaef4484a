package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.event.Event;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grouping loses nothing, whatever the traffic: over generated CloudTrail (roles with changing sessions, failed
 * logins, out of order within the lateness), the grouped alerts' counts add up to the ungrouped alerts, per rule, and
 * every grouped alert is one of the ungrouped ones, with a bounded sample.
 */
class GroupingPropertiesTest {
    private static final RunConfig CONFIG = RunConfig.of(Trails.rules()).withBehavior(BehaviorConfig.disabled())
            .withAllowedLateness(Duration.ofMinutes(10));

    record Call(long seconds, int kind, int who, int ip) {
        String record(int n) {
            return kind == 0 ? Trails.failedLogin(seconds, "user" + who, "198.51.100." + ip)
                    : Trails.assumedRoleCall(seconds, "role" + who, "s" + n, "GetObject", "203.0.113." + ip);
        }
    }

    @Provide
    Arbitrary<List<Call>> traffic() {
        Arbitrary<Call> call = Combinators.combine(Arbitraries.longs().between(0, 6 * 3600),
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 3)).as(Call::new);
        // sorted, then shuffled a little: disorder within the run's lateness
        return call.list().ofMinSize(1).ofMaxSize(300).map(l -> {
            List<Call> sorted = new ArrayList<>(l);
            sorted.sort(Comparator.comparingLong(Call::seconds));
            for (int i = 1; i < sorted.size(); i += 3) {
                Call c = sorted.get(i);
                sorted.set(i, new Call(Math.max(0, c.seconds() - 300), c.kind(), c.who(), c.ip()));
            }
            return sorted;
        });
    }

    @Property(tries = 60)
    void groupingLosesNoMatch(@ForAll("traffic") List<Call> calls, @ForAll @IntRange(min = 1, max = 180) int periodMinutes) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            records.add(calls.get(i).record(i));
        }
        List<Event> events = Trails.events(records);
        RunResults every = RunResults.of(CONFIG.withGrouping(AlertGrouping.off()), events);
        RunResults grouped = RunResults.of(CONFIG.withGrouping(AlertGrouping.defaults()
                .withPeriod(Duration.ofMinutes(periodMinutes))), events);

        Map<String, Long> matchesByRule = every.alerts().stream().collect(Collectors.groupingBy(Alert::ruleId, Collectors.counting()));
        Map<String, Long> countsByRule = grouped.alerts().stream().collect(Collectors.groupingBy(Alert::ruleId,
                Collectors.summingLong(a -> a.occurrences().count())));
        assertThat(countsByRule).isEqualTo(matchesByRule);
        assertThat(grouped.stats().matches()).isEqualTo(every.alerts().size());

        Set<String> everyId = every.alerts().stream().map(Alert::id).collect(Collectors.toSet());
        assertThat(grouped.alerts()).allSatisfy(a -> {
            assertThat(everyId).contains(a.id());
            assertThat(a.occurrences().firstSeen()).isBeforeOrEqualTo(a.occurrences().lastSeen());
            assertThat(a.events()).hasSizeBetween(1, AlertGrouping.DEFAULT_SAMPLE_SIZE);
        });
    }

    /**
     * Which match opens a group names it, so grouping waits for the watermark and places matches in (time, id) order:
     * the same traffic sorted, and out of order within the lateness, gives the same grouped alerts, ids and counts.
     */
    @Property(tries = 40)
    void disorderWithinTheLatenessGroupsAsSortedInputDoes(@ForAll("traffic") List<Call> calls,
                                                         @ForAll @IntRange(min = 1, max = 180) int periodMinutes) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            records.add(calls.get(i).record(i));
        }
        List<Event> events = Trails.events(records);
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::time));
        RunConfig config = CONFIG.withGrouping(AlertGrouping.defaults().withPeriod(Duration.ofMinutes(periodMinutes)));
        Map<String, Long> fromSorted = RunResults.of(config, sorted).alerts().stream()
                .collect(Collectors.toMap(Alert::id, a -> a.occurrences().count()));
        Map<String, Long> fromDisorder = RunResults.of(config, events).alerts().stream()
                .collect(Collectors.toMap(Alert::id, a -> a.occurrences().count()));
        assertThat(fromDisorder).isEqualTo(fromSorted);
    }
}
