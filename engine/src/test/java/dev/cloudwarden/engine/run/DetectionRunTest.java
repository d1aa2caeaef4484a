package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run as a stream: incidents as event time advances, their state machine, threads, sinks that fail. */
class DetectionRunTest {
    private static final RunConfig CONFIG = RunConfig.of(Trails.rules()).withBehavior(BehaviorConfig.disabled())
            .withIncidents(RunConfig.Incidents.defaults());

    /** Three bursts of failed logins from three addresses, hours apart: three incidents. */
    private static List<Event> threeBursts() {
        List<String> records = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            for (int i = 0; i < 20; i++) {
                records.add(Trails.failedLogin(burst * 4 * 3600L + i * 20L, "user" + burst, "198.51.100." + (10 + burst)));
            }
        }
        return Trails.events(records);
    }

    @Test
    void aDripFedSourceSeesIncidentsBeforeItsInputEnds() {
        List<IncidentUpdate> updates = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<Event> events = threeBursts();
        try (DetectionRun run = new DetectionRun(CONFIG, alerts::add, updates::add)) {
            for (int i = 0; i < 40; i++) { // the first two bursts only: the source is still open
                run.accept(events.get(i));
            }
            // the first burst is hours behind: its incident has opened and closed, its alert has left the grouping
            assertThat(updates).extracting(IncidentUpdate::kind).contains(IncidentUpdate.Kind.OPENED, IncidentUpdate.Kind.CLOSED);
            assertThat(updates.stream().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED)).hasSize(1);
            assertThat(alerts).hasSize(1);
            events.subList(40, events.size()).forEach(run::accept);
            run.finish();
        }
        assertThat(updates.stream().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED)).hasSize(3);
        assertThat(alerts).hasSize(3);
    }

    @Test
    void withWorkerThreadsAFlushSettlesWhatWasAcceptedSoFar() {
        List<IncidentUpdate> updates = new ArrayList<>();
        List<Event> events = threeBursts();
        try (DetectionRun run = new DetectionRun(CONFIG.withThreads(2), a -> { }, updates::add)) {
            events.subList(0, 40).forEach(run::accept); // fewer than a batch: still waiting for a worker
            assertThat(updates).isEmpty();
            run.flush();
            assertThat(updates).extracting(IncidentUpdate::kind).contains(IncidentUpdate.Kind.CLOSED);
            events.subList(40, events.size()).forEach(run::accept);
            run.finish();
        }
        assertThat(updates.stream().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED)).hasSize(3);
    }

    @Test
    void aDisabledRuleRaisesNothingUntilItIsEnabledAgain() {
        List<Event> events = threeBursts();
        List<Alert> all = RunResults.of(CONFIG, events).alerts();
        assertThat(all).isNotEmpty();
        java.util.Set<String> rules = all.stream().map(Alert::ruleId).collect(Collectors.toSet());
        List<Alert> alerts = new ArrayList<>();
        try (DetectionRun run = new DetectionRun(CONFIG.withGrouping(AlertGrouping.off()), alerts::add, u -> { })) {
            run.disableRules(rules);
            events.subList(0, 20).forEach(run::accept); // the first burst, while the rule is off
            run.disableRules(java.util.Set.of());
            events.subList(20, events.size()).forEach(run::accept);
            run.finish();
            assertThat(run.stats().disabledMatches()).isPositive();
            assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a.time()).isAfterOrEqualTo(events.get(20).time()));
            assertThat(run.stats().matches()).isEqualTo(alerts.size() + run.stats().disabledMatches());
        }
    }

    @Test
    void everyIncidentFollowsTheStateMachine() {
        List<IncidentUpdate> updates = RunResults.of(CONFIG, threeBursts()).updates();
        Map<String, String> lives = new LinkedHashMap<>();
        for (IncidentUpdate u : updates) {
            lives.merge(u.id(), u.kind().name().substring(0, 1), String::concat);
        }
        assertThat(lives).hasSize(3);
        // O(pened), U(pdated)*, then C(losed) or M(erged), nothing after
        assertThat(lives.values()).allMatch(life -> life.matches("OU*[CM]"));
        assertThat(updates.stream().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED))
                .allSatisfy(u -> assertThat(u.incident().alerts()).hasSize(20));
    }

    @Test
    void aSinkOfFinalIncidentsGetsTheSameIncidentsWithoutTheLiveUpdates() {
        List<Event> events = threeBursts();
        List<IncidentUpdate> live = RunResults.of(CONFIG, events).updates();
        List<IncidentUpdate> closed = new ArrayList<>();
        try (DetectionRun run = new DetectionRun(CONFIG, a -> { }, IncidentSink.closedOnly(closed::add))) {
            events.forEach(run::accept);
            run.finish();
        }
        assertThat(ids(closed)).isEqualTo(ids(live.stream().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED).toList()));
        assertThat(live).hasSizeGreaterThan(closed.size());
    }

    @Test
    void twoThreadsGiveTheIdsOfOne() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // ten batches for the workers, interleaving two roles and failed logins
            records.add(i % 7 == 0 ? Trails.failedLogin(i * 3L, "u" + (i % 5), "198.51.100." + (i % 13))
                    : Trails.assumedRoleCall(i * 3L, i % 2 == 0 ? "deployer" : "auditor", "s" + i, "GetObject", "203.0.113.9"));
        }
        List<Event> events = Trails.events(records);
        for (AlertGrouping grouping : List.of(AlertGrouping.defaults(), AlertGrouping.off())) {
            RunResults one = RunResults.of(CONFIG.withGrouping(grouping).withThreads(1), events);
            RunResults two = RunResults.of(CONFIG.withGrouping(grouping).withThreads(2), events);
            assertThat(two.alerts()).extracting(Alert::id).containsExactlyElementsOf(one.alerts().stream().map(Alert::id).toList());
            assertThat(two.alerts()).extracting(a -> a.occurrences().count())
                    .containsExactlyElementsOf(one.alerts().stream().map(a -> a.occurrences().count()).toList());
            assertThat(ids(two.updates())).isEqualTo(ids(one.updates())).isNotEmpty();
        }
    }

    private static List<String> ids(List<IncidentUpdate> updates) {
        return updates.stream().map(u -> u.kind() + " " + u.id() + " " + u.incident().size()).collect(Collectors.toList());
    }

    @Test
    void aSinkThatFailsStopsTheRunNamingIt() {
        AlertSink full = a -> {
            throw new IOException("No space left on device");
        };
        try (DetectionRun run = new DetectionRun(CONFIG.withGrouping(AlertGrouping.off()), full, IncidentSink.NONE)) {
            List<Event> events = threeBursts();
            assertThatThrownBy(() -> events.forEach(run::accept))
                    .isInstanceOf(SinkFailedException.class)
                    .hasMessage("alerts failed: No space left on device")
                    .satisfies(e -> assertThat(((SinkFailedException) e).sink()).isEqualTo("alerts"));
        }
    }

    @Test
    void aSinkFailingWhileFilesAreReadStopsTheReadAndIsNoRejectedRecord() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(Trails.failedLogin(i * 60L, "u", "198.51.100." + i));
        }
        byte[] ndjson = (String.join("\n", records) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<dev.cloudwarden.engine.ingest.Rejection> rejected = new ArrayList<>();
        AlertSink full = a -> {
            throw new IOException("No space left on device");
        };
        try (DetectionRun run = new DetectionRun(CONFIG.withGrouping(AlertGrouping.off()), full, IncidentSink.NONE)) {
            assertThatThrownBy(() -> FileSource.read(run, List.of(dev.cloudwarden.engine.ingest.read.Input.bytes(
                    "trail.jsonl", ndjson, Trails.T0)), dev.cloudwarden.engine.ingest.IngestOptions.defaults(), rejected::add))
                    .isInstanceOf(SinkFailedException.class);
        }
        assertThat(rejected).isEmpty();
    }

    @Test
    void eventsLaterThanTheBoundAreCounted() {
        List<Event> events = new ArrayList<>(Trails.events(List.of(
                Trails.failedLogin(7200, "a", "198.51.100.1"),
                Trails.failedLogin(10, "a", "198.51.100.1"))));
        RunResults r = RunResults.of(CONFIG, events);
        assertThat(r.stats().lateEvents()).isEqualTo(1);
        assertThat(r.stats().matches()).as("a late event is still matched").isEqualTo(2);
    }

    /**
     * A live source: the first burst only, then quiet. Without idle() nothing leaves before the lateness bound: not even
     * a group's opening, since the match that opens a group (and names it) is known only once the watermark has passed.
     */
    @Test
    void aQuietLiveSourceReleasesItsIncidentAndOpenGroupsAtOnce() {
        List<IncidentUpdate> updates = new ArrayList<>();
        List<Alert> opened = new ArrayList<>();
        List<Alert> closed = new ArrayList<>();
        AlertSink live = new AlertSink() {
            @Override
            public void accept(Alert alert) {
                closed.add(alert);
            }

            @Override
            public void opened(Alert alert) {
                opened.add(alert);
            }
        };
        List<Event> events = threeBursts();
        try (DetectionRun run = new DetectionRun(CONFIG.withThreads(2), live, updates::add)) {
            events.subList(0, 20).forEach(run::accept);
            run.flush();
            assertThat(updates).as("waiting for the lateness bound").isEmpty();
            assertThat(opened).as("waiting for the lateness bound").isEmpty();

            assertThat(run.idle(java.time.Duration.ofSeconds(1))).as("an hour of lateness to wait out").isFalse();
            assertThat(opened).as("the group opened with its first match").hasSize(1);
            assertThat(opened.get(0).occurrences().count()).isEqualTo(1);
            assertThat(closed).isEmpty();
            assertThat(updates).extracting(IncidentUpdate::kind).contains(IncidentUpdate.Kind.OPENED);
            assertThat(updates.get(updates.size() - 1).incident().alerts()).hasSize(20);

            events.subList(20, events.size()).forEach(run::accept);
            run.finish();
        }
        assertThat(closed).hasSize(3);
        assertThat(opened).extracting(Alert::id).containsExactlyElementsOf(closed.stream().map(Alert::id).toList());
        assertThat(closed).allSatisfy(a -> assertThat(a.occurrences().count()).isEqualTo(20));
        assertThat(updates.stream().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED)).hasSize(3)
                .allSatisfy(u -> assertThat(u.incident().alerts()).hasSize(20));
    }

    @Test
    void idleBeforeAnyEventAndAfterTheEndDoesNothing() {
        List<IncidentUpdate> updates = new ArrayList<>();
        try (DetectionRun run = new DetectionRun(CONFIG, a -> { }, updates::add)) {
            assertThat(run.idle(java.time.Duration.ofHours(2))).isTrue();
            threeBursts().forEach(run::accept);
            run.finish();
            int n = updates.size();
            run.idle(java.time.Duration.ofHours(2));
            assertThat(updates).hasSize(n);
        }
    }

    /** A correlation (the brute force) waits for event time; after the lateness bound of quiet it has seen everything. */
    @Test
    void aLiveSourceQuietForTheLatenessBoundHasItsCorrelationsDecided() {
        List<Alert> alerts = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(Trails.failedLogin(i * 10L, "victim", "203.0.113.77"));
        }
        List<Event> burst = Trails.events(records);
        RunConfig pack = RunConfig.of(dev.cloudwarden.engine.sigma.load.RuleSet.compile(
                dev.cloudwarden.engine.sigma.load.RuleFiles.builtIn(), dev.cloudwarden.engine.sigma.eval.SigmaConfig.defaults(),
                dev.cloudwarden.engine.sigma.load.RuleTuning.builtIn())).withBehavior(BehaviorConfig.disabled())
                .withGrouping(AlertGrouping.off());
        try (DetectionRun run = new DetectionRun(pack, alerts::add, u -> { })) {
            burst.forEach(run::accept);
            assertThat(run.idle(java.time.Duration.ofMinutes(30))).isFalse();
            long halfway = alerts.size();
            assertThat(run.idle(java.time.Duration.ofMinutes(61))).isTrue();
            assertThat(alerts.size()).as("correlations decided once the bound of quiet passed").isGreaterThan((int) halfway);
            int settled = alerts.size();
            run.finish();
            assertThat(alerts).as("finishing adds nothing the quiet had not decided").hasSize(settled);
        }
    }
}
