package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.cloudwarden.app.store.StoreFixtures.T0;
import static dev.cloudwarden.app.store.StoreFixtures.alert;
import static dev.cloudwarden.app.store.StoreFixtures.grouped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's behaviour, the same on every database: a subclass says where its store is. */
abstract class PlatformStoreContract {
    static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    static final String BOB = "arn:aws:iam::111122223333:user/bob";
    static final String HOSTILE = "it's \"quoted\" \\ '; DROP TABLE alerts; -- ünïcödé 🦆 \u202e";

    PlatformStore store;

    /** A location of a new, empty store. */
    abstract String newLocation();

    /** Removes what {@link #newLocation} made, if anything. */
    void dispose(String location) {
    }

    private String location;

    @BeforeEach
    void openStore() {
        location = newLocation();
        store = TestStores.open(location);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
            dispose(location);
        }
    }

    PlatformStore reopen() {
        store.close();
        store = TestStores.open(location);
        return store;
    }

    void put(Alert... alerts) throws IOException {
        AlertSink sink = store.alertSink();
        for (Alert a : alerts) {
            sink.accept(a);
        }
        sink.flush();
    }

    void put(IncidentUpdate... updates) throws IOException {
        IncidentSink sink = store.incidentSink();
        for (IncidentUpdate u : updates) {
            sink.accept(u);
        }
        sink.flush();
    }

    @Test
    void a_new_store_is_at_the_latest_schema_and_reopens() {
        assertThat(store.schemaVersion()).isEqualTo(13);
        assertThat(reopen().schemaVersion()).isEqualTo(13);
    }

    @Test
    void the_same_alert_twice_is_one_row_and_a_later_group_updates_count_and_last_seen() throws IOException {
        Alert a = alert("a1", "r1", Level.HIGH, T0, ALICE, List.of("attack.t1078.004", "attack.initial_access"));
        put(a, a);
        put(a);
        assertThat(store.alerts(AlertQuery.all()).items()).singleElement()
                .satisfies(s -> assertThat(s.count()).isEqualTo(1));
        put(grouped(a, 7, T0.plusSeconds(600)));
        StoredAlert s = store.alert("a1").orElseThrow();
        assertThat(s.count()).isEqualTo(7);
        assertThat(s.lastSeen()).isEqualTo(T0.plusSeconds(600));
        assertThat(s.alertJson()).contains("\"count\":7");
        // an earlier, smaller form of the group (a resumed run) never shrinks it
        put(grouped(a, 3, T0.plusSeconds(60)));
        assertThat(store.alert("a1").orElseThrow().count()).isEqualTo(7);
        assertThat(store.techniqueCounts(AlertQuery.all())).isEqualTo(Map.of("T1078.004", 1L));
    }

    @Test
    void triage_is_audited_and_never_overwritten_by_the_engine() throws IOException {
        Alert a = alert("a1", "r1", Level.HIGH, T0, ALICE, List.of());
        put(a);
        List<TriageResult> r = store.triageAlerts("ana", List.of("a1"),
                TriagePatch.status(TriageStatus.IN_PROGRESS).andAssign("ana").andTags(List.of("vip", HOSTILE)));
        assertThat(r).singleElement().satisfies(t -> {
            assertThat(t.before()).isEqualTo(TriageState.INITIAL);
            assertThat(t.after()).isEqualTo(new TriageState(TriageStatus.IN_PROGRESS, "ana", List.of("vip", HOSTILE)));
        });
        put(grouped(a, 5, T0.plusSeconds(30)));
        StoredAlert s = store.alert("a1").orElseThrow();
        assertThat(s.triage()).isEqualTo(new TriageState(TriageStatus.IN_PROGRESS, "ana", List.of("vip", HOSTILE)));
        assertThat(s.count()).isEqualTo(5);
        AuditEntry e = store.auditLog(TargetKind.ALERT, "a1", 10, null).items().get(0);
        assertThat(e.actor()).isEqualTo("ana");
        assertThat(e.action()).isEqualTo("alert.triage");
        assertThat(e.at()).isEqualTo(TestStores.CLOCK.instant());
        assertThat(e.beforeJson()).isEqualTo("{\"status\":\"new\",\"assignee\":null,\"tags\":[]}");
        assertThat(e.afterJson()).contains("\"status\":\"in_progress\"", "\"assignee\":\"ana\"");
        assertThat(Sql.JSON.readTree(e.afterJson()).get("tags").get(1).asText()).isEqualTo(HOSTILE);
    }

    @Test
    void bulk_triage_with_an_unknown_id_changes_nothing() throws IOException {
        put(alert("a1", "r1", Level.HIGH, T0, ALICE, List.of()), alert("a2", "r1", Level.HIGH, T0, ALICE, List.of()));
        assertThatThrownBy(() -> store.triageAlerts("ana", List.of("a1", "nope", "a2"), TriagePatch.status(TriageStatus.RESOLVED)))
                .isInstanceOf(StoreException.NotFound.class).hasMessageContaining("nope");
        assertThat(store.alerts(AlertQuery.all().withStatus(TriageStatus.NEW)).items()).hasSize(2);
        assertThat(store.auditLog(null, null, 10, null).items()).isEmpty();
        assertThat(store.triageAlerts("ana", List.of("a1", "a2"), TriagePatch.status(TriageStatus.RESOLVED)))
                .extracting(TriageResult::auditId).doesNotContain(0L);
        assertThat(store.alertFacets(AlertQuery.all()).field("status")).isEqualTo(Map.of("resolved", 2L));
    }

    @Test
    void pages_of_every_filter_list_each_matching_alert_once_newest_first() throws IOException {
        Random random = new Random(42);
        List<Alert> alerts = randomAlerts(random, 240);
        put(alerts.toArray(Alert[]::new));
        store.triageAlerts("ana", alerts.stream().filter(a -> random.nextInt(4) == 0).map(Alert::id).toList(),
                TriagePatch.status(TriageStatus.ACKNOWLEDGED));
        Map<String, TriageStatus> status = new LinkedHashMap<>();
        store.alerts(AlertQuery.all().withLimit(1000)).items().forEach(s -> status.put(s.id(), s.triage().status()));
        Instant from = T0.plus(Duration.ofMinutes(20));
        Instant to = T0.plus(Duration.ofMinutes(90));
        Map<AlertQuery, Predicate<Alert>> queries = new LinkedHashMap<>();
        queries.put(AlertQuery.all(), a -> true);
        queries.put(AlertQuery.all().withTime(from, to), a -> !a.time().isBefore(from) && a.time().isBefore(to));
        queries.put(AlertQuery.all().withMinLevel(Level.HIGH), a -> a.level() != null && a.level().compareTo(Level.HIGH) >= 0);
        queries.put(AlertQuery.all().withRule("rule-2"), a -> a.ruleId().equals("rule-2"));
        queries.put(AlertQuery.all().withEntity(Entity.of(EntityType.PRINCIPAL, ALICE)), a -> principal(a).equals(ALICE));
        queries.put(AlertQuery.all().withTechnique("T1110.001"), a -> a.tags().contains("attack.t1110.001"));
        queries.put(AlertQuery.all().withStatus(TriageStatus.ACKNOWLEDGED), a -> status.get(a.id()) == TriageStatus.ACKNOWLEDGED);
        queries.put(AlertQuery.all().withEntity(Entity.of(EntityType.PRINCIPAL, BOB)).withTechnique("T1110.001")
                .withMinLevel(Level.MEDIUM).withTime(from, null), a -> principal(a).equals(BOB)
                && a.tags().contains("attack.t1110.001") && a.level() != null && a.level().compareTo(Level.MEDIUM) >= 0
                && !a.time().isBefore(from));
        for (Map.Entry<AlertQuery, Predicate<Alert>> q : queries.entrySet()) {
            List<String> expected = alerts.stream().filter(q.getValue())
                    .sorted(Comparator.comparing(Alert::time).thenComparing(Alert::id).reversed()).map(Alert::id).toList();
            for (int pageSize : new int[] {1, 7, 100}) {
                assertThat(allPages(q.getKey().withLimit(pageSize))).as("%s by %d", q.getKey(), pageSize).isEqualTo(expected);
            }
            Facets f = store.alertFacets(q.getKey());
            Map<String, Long> rules = alerts.stream().filter(q.getValue())
                    .collect(Collectors.groupingBy(Alert::ruleId, TreeMap::new, Collectors.counting()));
            assertThat(new TreeMap<>(f.field("rule"))).as("rule facet of %s", q.getKey()).isEqualTo(rules);
            Map<String, Long> levels = alerts.stream().filter(q.getValue())
                    .collect(Collectors.groupingBy(a -> a.level() == null ? "none" : a.level().id(), TreeMap::new, Collectors.counting()));
            assertThat(new TreeMap<>(f.field("level"))).isEqualTo(levels);
        }
        Map<String, Long> techniques = new TreeMap<>();
        for (Alert a : alerts) {
            a.tags().stream().filter(t -> t.startsWith("attack.t")).forEach(t -> techniques.merge(t.substring(7).toUpperCase(), 1L, Long::sum));
        }
        assertThat(new TreeMap<>(store.techniqueCounts(AlertQuery.all()))).isEqualTo(techniques);
        assertThat(new TreeMap<>(store.alertFacets(AlertQuery.all()).field("technique"))).isEqualTo(techniques);
        assertThat(new TreeMap<>(store.techniqueCounts(AlertQuery.all().withRule("rule-1")))).isEqualTo(
                techniqueCounts(alerts.stream().filter(a -> a.ruleId().equals("rule-1"))));
        // a time range alone is counted from the technique rows' own time, without the alerts table
        java.time.Instant middle = alerts.get(alerts.size() / 2).time().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        assertThat(new TreeMap<>(store.techniqueCounts(AlertQuery.all().withTime(middle, null)))).isEqualTo(
                techniqueCounts(alerts.stream().filter(a -> !a.time().truncatedTo(java.time.temporal.ChronoUnit.MICROS).isBefore(middle))));
    }

    @Test
    void the_matrix_over_a_time_range_equals_a_plain_count_after_sink_writes_loads_and_copies() throws IOException {
        // six days of alerts, half through the sink and half bulk-loaded: both keep the per-day counts the
        // matrix over a range sums for its whole days
        Random random = new Random(11);
        String[][] tags = {{}, {"attack.t1110.001"}, {"attack.t1110.001", "attack.t1078.004"}, {"attack.t1530"}};
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            alerts.add(alert(String.format("d-%03d", i), "rule-" + random.nextInt(3), Level.HIGH,
                    T0.plusSeconds(random.nextInt(6 * 86_400)), i % 2 == 0 ? ALICE : BOB,
                    List.of(tags[random.nextInt(tags.length)])));
        }
        put(alerts.subList(0, 100).toArray(Alert[]::new));
        assertThat(store.loadAlerts(alerts.subList(100, 200).iterator())).isEqualTo(100);
        Instant noon = T0.plus(Duration.ofHours(12));
        Instant[][] ranges = {{T0.plus(Duration.ofDays(2)), null}, {noon, null}, {null, noon.plus(Duration.ofDays(3))},
                {noon, noon.plus(Duration.ofDays(4)).plusSeconds(7)}, {T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(4))},
                {noon, noon.plus(Duration.ofHours(6))}, {noon, noon.plus(Duration.ofHours(20))}, {noon, noon}};
        for (Instant[] r : ranges) {
            assertThat(new TreeMap<>(store.techniqueCounts(AlertQuery.all().withTime(r[0], r[1]))))
                    .as("from %s to %s", r[0], r[1])
                    .isEqualTo(techniqueCounts(alerts.stream().filter(a -> (r[0] == null || !a.time().isBefore(r[0]))
                            && (r[1] == null || a.time().isBefore(r[1])))));
        }

        // two copies: a second alert for every one, a week later, with its own id, entities and techniques
        assertThat(store.replicateAlerts(2, Duration.ofDays(7))).isEqualTo(200);
        Map<String, Long> twice = new TreeMap<>(techniqueCounts(alerts.stream()));
        twice.replaceAll((t, n) -> 2 * n);
        assertThat(new TreeMap<>(store.techniqueCounts(AlertQuery.all()))).isEqualTo(twice);
        Instant week = T0.plus(Duration.ofDays(7));
        assertThat(new TreeMap<>(store.techniqueCounts(AlertQuery.all().withTime(week.plus(Duration.ofHours(12)), null))))
                .isEqualTo(techniqueCounts(alerts.stream().filter(a -> !a.time().isBefore(noon))));
        long alice = alerts.stream().filter(a -> principal(a).equals(ALICE)).count();
        List<String> aliceIds = allPages(AlertQuery.all().withEntity(Entity.of(EntityType.PRINCIPAL, ALICE)));
        assertThat(aliceIds).hasSize((int) (2 * alice)).doesNotHaveDuplicates();
        assertThat(store.alerts(AlertQuery.all().withTime(week, null).withLimit(AlertQuery.MAX_LIMIT)).items())
                .hasSize(200).allSatisfy(s -> assertThat(s.id()).hasSize(32));
    }

    @Test
    void a_store_upgraded_to_per_day_counts_counts_the_alerts_it_holds() throws IOException {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            alerts.add(alert("u-" + i, "rule-1", Level.LOW, T0.plus(Duration.ofHours(7L * i)), ALICE,
                    List.of(i % 3 == 0 ? "attack.t1530" : "attack.t1110.001")));
        }
        put(alerts.toArray(Alert[]::new));
        // back to the schema before version 4 (the later versions undone too), with its alerts: the migration must
        // count them per day
        store.withConnection("undo versions 4 and later", c -> {
            try (java.sql.Statement s = c.createStatement()) {
                for (String index : List.of("incidents_by_last", "incidents_by_score", "incidents_by_severity",
                        "incident_entities_by_value_incident", "incident_alerts_by_incident",
                        "incident_entities_by_incident", "incident_techniques_by_incident")) {
                    s.execute("DROP INDEX IF EXISTS " + index);
                }
                for (String index : List.of("posture_finding_entities_by_value", "posture_finding_entities_by_finding",
                        "posture_findings_by_file", "posture_findings_by_status")) {
                    s.execute("DROP INDEX IF EXISTS " + index);
                }
                for (String index : List.of("response_audit_by_incident", "response_steps_by_incident")) {
                    s.execute("DROP INDEX IF EXISTS " + index);
                }
                for (String table : List.of("posture_finding_entities", "posture_findings", "posture_scans",
                        "response_steps", "response_approvals", "response_audit")) {
                    s.execute("DROP TABLE " + table);
                }
                s.execute("DROP SEQUENCE posture_scan_ids");
                s.execute("DROP SEQUENCE response_audit_ids");
                s.execute("DROP TABLE users");
                s.execute("DROP TABLE rule_states");
                s.execute("DROP INDEX IF EXISTS alert_techniques_by_time");
                s.execute("DROP TABLE technique_day_counts");
                s.execute("ALTER TABLE incidents DROP COLUMN bytes_exposed");
                s.execute("DELETE FROM flyway_schema_history WHERE version IN ('4', '5', '6', '7', '8', '9', '10', '11', '12', '13')");
            }
            return null;
        });
        assertThat(reopen().schemaVersion()).isEqualTo(13);
        Instant from = T0.plus(Duration.ofHours(30));
        assertThat(new TreeMap<>(store.techniqueCounts(AlertQuery.all().withTime(from, null))))
                .isEqualTo(techniqueCounts(alerts.stream().filter(a -> !a.time().isBefore(from))));
    }

    private static Map<String, Long> techniqueCounts(java.util.stream.Stream<Alert> alerts) {
        return alerts.flatMap(a -> a.tags().stream()).filter(t -> t.startsWith("attack.t"))
                .collect(Collectors.groupingBy(t -> t.substring(7).toUpperCase(), TreeMap::new, Collectors.counting()));
    }

    @Test
    void the_reports_figures_are_counted_by_the_database_over_a_period() throws IOException {
        Alert mining = alert("r1", "miner", Level.HIGH, T0, ALICE, List.of("cloudwarden.a3", "cloudwarden.t2", "attack.t1496"));
        Alert mining2 = alert("r2", "miner", Level.HIGH, T0.plusSeconds(7200), ALICE, List.of("cloudwarden.a3"));
        Alert theft = StoreFixtures.download("r3", Level.CRITICAL, T0.plusSeconds(600), BOB, 5_000_000, List.of("cloudwarden.a2", "attack.t1530"));
        Alert old = alert("r4", "old", Level.LOW, T0.minus(Duration.ofDays(40)), BOB, List.of("cloudwarden.a2"));
        put(mining, mining2, theft, old);
        put(IncidentUpdate.of(IncidentUpdate.Kind.OPENED, Incident.of(List.of(mining, mining2), List.of(Entity.of(EntityType.PRINCIPAL, ALICE)))),
                IncidentUpdate.of(IncidentUpdate.Kind.OPENED, Incident.of(List.of(theft), List.of(Entity.of(EntityType.PRINCIPAL, BOB)))),
                IncidentUpdate.of(IncidentUpdate.Kind.OPENED, Incident.of(List.of(old), List.of(Entity.of(EntityType.PRINCIPAL, BOB)))));
        ReportFigures f = store.reportFigures(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)),
                List.of("principal"), List.of("aws.ec2.quarantine_instance"));
        assertThat(f.incidents()).isEqualTo(2);
        assertThat(f.alerts()).isEqualTo(3);
        assertThat(f.catalog()).containsEntry("A3", 1L).containsEntry("A2", 1L).containsEntry("T2", 1L).containsEntry("M1", 0L);
        assertThat(f.miningHours()).isEqualTo(2.0);
        assertThat(f.exposed()).isEqualTo(new ReportFigures.Exposure(5_000_000, 5_000_000, 1, 0));
        assertThat(f.techniques()).containsEntry("T1496", 1L).containsEntry("T1530", 1L);
        assertThat(f.topEntities().get("principal")).extracting(ReportFigures.Count::value).containsExactlyInAnyOrder(ALICE, BOB);
        ReportFigures byType = store.reportFigures(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)),
                List.of("region", "principal"), List.of());
        assertThat(byType.topEntities().keySet()).containsExactly("region", "principal");
        assertThat(byType.topEntities().get("region")).isEmpty();
        assertThat(byType.topEntities().get("principal")).isEqualTo(f.topEntities().get("principal"));
        assertThat(f.detectSeconds()).as("the store learned of them (wall time) after their alerts").isNotNull();
        assertThat(f.containSeconds()).isNull();
        assertThat(f.contained()).isZero();
        ReportFigures trend = store.reportTrend(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)));
        assertThat(List.of(trend.incidents(), trend.alerts(), trend.catalog(), trend.motives(), trend.miningHours(), trend.exposed()))
                .isEqualTo(List.of(f.incidents(), f.alerts(), f.catalog(), f.motives(), f.miningHours(), f.exposed()));
        assertThat(trend.techniques()).isEmpty();
        ReportFigures empty = store.reportFigures(T0.plus(Duration.ofDays(5)), T0.plus(Duration.ofDays(6)), List.of("principal"), List.of());
        assertThat(empty.incidents()).isZero();
        assertThat(empty.detectSeconds()).isNull();
    }

    @Test
    void the_incident_queue_pages_through_every_order_in_that_order() throws IOException {
        Random random = new Random(11);
        List<Alert> alerts = randomAlerts(random, 60);
        put(alerts.toArray(Alert[]::new));
        List<IncidentUpdate> updates = new ArrayList<>();
        for (int i = 0; i < alerts.size(); ) {
            int n = 1 + random.nextInt(4);
            List<Alert> part = alerts.subList(i, Math.min(alerts.size(), i + n));
            i += n;
            updates.add(IncidentUpdate.of(IncidentUpdate.Kind.OPENED, Incident.of(part,
                    part.stream().map(a -> Entity.of(EntityType.PRINCIPAL, principal(a))).distinct().toList())));
        }
        put(updates.toArray(IncidentUpdate[]::new));
        List<StoredIncident> all = store.incidents(IncidentQuery.all().withLimit(AlertQuery.MAX_LIMIT)).items();
        assertThat(all).hasSize(updates.size());
        Comparator<StoredIncident> byLast = Comparator.comparing(StoredIncident::last).thenComparing(StoredIncident::id);
        Map<IncidentSort, Comparator<StoredIncident>> expected = Map.of(
                IncidentSort.FIRST, Comparator.comparing(StoredIncident::first).thenComparing(StoredIncident::id),
                IncidentSort.LAST, byLast,
                IncidentSort.SCORE, Comparator.comparingInt(StoredIncident::score).thenComparing(byLast),
                IncidentSort.SEVERITY, Comparator.comparing((StoredIncident i) -> i.severity().ordinal()).thenComparing(byLast));
        for (IncidentSort sort : IncidentSort.values()) {
            IncidentQuery q = IncidentQuery.all().sortedBy(sort).withLimit(4);
            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                Page<StoredIncident> page = store.incidents(cursor == null ? q : q.after(cursor));
                page.items().forEach(i -> paged.add(i.id()));
                cursor = page.next();
            } while (cursor != null);
            assertThat(paged).as(sort.id()).isEqualTo(all.stream().sorted(expected.get(sort).reversed())
                    .map(StoredIncident::id).toList());
        }
        // facets: exact while all matching incidents are counted; over more, the first ones in the list's order
        Facets exact = store.incidentFacets(IncidentQuery.all());
        assertThat(exact.sampled()).isFalse();
        assertThat(exact.field("severity").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.size());
        Facets firstFive = store.incidentFacets(IncidentQuery.all().sortedBy(IncidentSort.SCORE), 5);
        assertThat(firstFive.sampled()).isTrue();
        Map<String, Long> topFiveSeverities = all.stream().sorted(expected.get(IncidentSort.SCORE).reversed()).limit(5)
                .collect(Collectors.groupingBy(i -> i.severity().id(), Collectors.counting()));
        assertThat(firstFive.field("severity")).isEqualTo(topFiveSeverities);
        // a cursor belongs to its order: another order refuses it instead of starting at a wrong place
        String scoreCursor = store.incidents(IncidentQuery.all().sortedBy(IncidentSort.SCORE).withLimit(2)).next();
        assertThatThrownBy(() -> store.incidents(IncidentQuery.all().sortedBy(IncidentSort.LAST).after(scoreCursor)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'score'");
    }

    @Test
    void a_malformed_cursor_is_refused() {
        assertThatThrownBy(() -> store.alerts(AlertQuery.all().after("not a cursor!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
    }

    static List<Alert> randomAlerts(Random random, int n) {
        List<Alert> out = new ArrayList<>();
        Level[] levels = {null, Level.LOW, Level.MEDIUM, Level.HIGH, Level.CRITICAL};
        String[] principals = {ALICE, BOB, "arn:aws:iam::111122223333:role/ci", HOSTILE};
        String[][] tags = {{}, {"attack.t1110.001"}, {"attack.t1110.001", "attack.t1078.004"}, {"attack.t1530", "cloudwarden.a2"}};
        for (int i = 0; i < n; i++) {
            // minutes collide often, so the id breaks ties within one time
            Instant time = T0.plus(Duration.ofMinutes(random.nextInt(120))).plusNanos(random.nextInt(3) * 1_000L);
            out.add(alert(String.format("alert-%03d", i), "rule-" + random.nextInt(5), levels[random.nextInt(levels.length)],
                    time, principals[random.nextInt(principals.length)], List.of(tags[random.nextInt(tags.length)])));
        }
        return out;
    }

    static String principal(Alert a) {
        return a.event().actor().principal();
    }

    List<String> allPages(AlertQuery q) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        Set<String> seen = new HashSet<>();
        do {
            Page<StoredAlert> page = store.alerts(q.after(cursor));
            assertThat(page.items().size()).isLessThanOrEqualTo(q.limit());
            for (StoredAlert s : page.items()) {
                assertThat(seen.add(s.id())).as("listed twice: %s", s.id()).isTrue();
                ids.add(s.id());
            }
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }

    @Test
    void incidents_follow_their_updates_and_a_merge_moves_comments_and_triage() throws IOException {
        Alert a1 = alert("a1", "r1", Level.MEDIUM, T0, ALICE, List.of("attack.t1110.001", "attack.credential_access"));
        Alert a2 = alert("a2", "r2", Level.HIGH, T0.plusSeconds(60), ALICE, List.of("attack.t1078.004", "attack.initial_access"));
        Alert b1 = alert("b1", "r3", Level.LOW, T0.plusSeconds(30), BOB, List.of("attack.t1530"));
        put(a1, a2, b1);
        Incident first = Incident.of(List.of(a1), List.of(Entity.of(EntityType.PRINCIPAL, ALICE)));
        Incident other = Incident.of(List.of(b1), List.of(Entity.of(EntityType.PRINCIPAL, BOB)));
        put(IncidentUpdate.of(IncidentUpdate.Kind.OPENED, first), IncidentUpdate.of(IncidentUpdate.Kind.OPENED, other));
        store.triageIncidents("ana", List.of(other.id()), TriagePatch.status(TriageStatus.ACKNOWLEDGED).andTags(List.of("bob")));
        Comment c = store.addComment("ana", TargetKind.INCIDENT, other.id(), HOSTILE);

        Incident grown = Incident.of(first.id(), List.of(a1, a2, b1),
                List.of(Entity.of(EntityType.PRINCIPAL, ALICE), Entity.of(EntityType.PRINCIPAL, BOB)));
        put(new IncidentUpdate(IncidentUpdate.Kind.MERGED, other, first.id()), IncidentUpdate.of(IncidentUpdate.Kind.UPDATED, grown));
        assertThat(store.incident(other.id())).isEmpty();
        IncidentDetail d = store.incident(first.id()).orElseThrow();
        assertThat(d.alerts()).extracting(StoredAlert::id).isEqualTo(grown.alerts().stream().map(Alert::id).toList());
        assertThat(d.entities()).containsExactly(Entity.of(EntityType.PRINCIPAL, ALICE), Entity.of(EntityType.PRINCIPAL, BOB));
        assertThat(d.incident().triage()).isEqualTo(new TriageState(TriageStatus.ACKNOWLEDGED, null, List.of("bob")));
        assertThat(d.incident().open()).isTrue();
        assertThat(d.incident().severity()).isEqualTo(grown.severity());
        assertThat(store.comments(TargetKind.INCIDENT, first.id())).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo(HOSTILE));
        assertThat(d.timeline()).extracting(IncidentDetail.TimelineEntry::kind).contains("alert", "comment", "audit");
        assertThat(store.auditLog(TargetKind.INCIDENT, other.id(), 10, null).items()).extracting(AuditEntry::action)
                .contains("incident.merged", "incident.triage", "comment.add");

        put(IncidentUpdate.of(IncidentUpdate.Kind.CLOSED, grown));
        StoredIncident closed = store.incidents(IncidentQuery.all()).items().get(0);
        assertThat(closed.open()).isFalse();
        assertThat(closed.triage().status()).isEqualTo(TriageStatus.ACKNOWLEDGED);
        assertThat(store.incidents(IncidentQuery.all().withEntity(Entity.of(EntityType.PRINCIPAL, BOB))).items())
                .extracting(StoredIncident::id).containsExactly(first.id());
        assertThat(store.incidents(IncidentQuery.all().withTechnique("T1530").withMinSeverity(Level.LOW)).items()).hasSize(1);
        assertThat(store.incidents(IncidentQuery.all().withTechnique("T9999")).items()).isEmpty();
        assertThat(store.incidentFacets(IncidentQuery.all()).field("status")).isEqualTo(Map.of("acknowledged", 1L));
        assertThat(c.id()).isPositive();
    }

    @Test
    void comments_keep_their_history_and_every_change_is_audited() throws IOException {
        put(alert("a1", "r1", Level.HIGH, T0, ALICE, List.of()));
        Comment c = store.addComment("ana", TargetKind.ALERT, "a1", "first");
        Comment edited = store.editComment("bo", c.id(), HOSTILE);
        assertThat(edited.body()).isEqualTo(HOSTILE);
        assertThat(edited.edited()).isNotNull();
        assertThat(store.comments(TargetKind.ALERT, "a1")).containsExactly(edited);
        assertThat(store.commentHistory(c.id())).singleElement()
                .satisfies(h -> assertThat(h.previousBody()).isEqualTo("first"));
        assertThat(store.auditLog(TargetKind.COMMENT, Long.toString(c.id()), 10, null).items()).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("bo"));
        assertThatThrownBy(() -> store.addComment("ana", TargetKind.ALERT, "nope", "x")).isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> store.editComment("ana", 9999, "x")).isInstanceOf(StoreException.NotFound.class);
        // the audit log pages newest first
        Page<AuditEntry> one = store.auditLog(null, null, 1, null);
        Page<AuditEntry> two = store.auditLog(null, null, 1, one.next());
        assertThat(one.items().get(0).id()).isGreaterThan(two.items().get(0).id());
        assertThat(two.next()).isNull();
    }

    @Test
    void tokens_are_found_by_hash_until_revoked() {
        String token = ApiTokens.newToken();
        assertThat(token).startsWith("cw_").hasSizeGreaterThan(40);
        ApiToken t = store.createToken("admin", HOSTILE, Role.RESPONDER, ApiTokens.hash(token));
        assertThat(store.authenticate(ApiTokens.hash(token))).hasValueSatisfying(found -> {
            assertThat(found.role()).isEqualTo(Role.RESPONDER);
            assertThat(found.name()).isEqualTo(HOSTILE);
            assertThat(found.lastUsed()).isEqualTo(TestStores.CLOCK.instant());
        });
        assertThat(store.authenticate(ApiTokens.hash(token + "x"))).isEmpty();
        assertThat(store.revokeToken("admin", t.id()).isRevoked()).isTrue();
        assertThat(store.authenticate(ApiTokens.hash(token))).isEmpty();
        assertThat(store.tokens()).singleElement().satisfies(s -> assertThat(s.isRevoked()).isTrue());
        assertThat(store.auditLog(TargetKind.TOKEN, null, 10, null).items()).extracting(AuditEntry::action)
                .containsExactly("token.revoke", "token.create");
        assertThatThrownBy(() -> store.revokeToken("admin", 999)).isInstanceOf(StoreException.NotFound.class);
        assertThat(Role.ADMIN.allows(Role.ANALYST)).isTrue();
        assertThat(Role.VIEWER.allows(Role.ANALYST)).isFalse();
    }

    @Test
    void offsets_commit_together_and_load_per_input() {
        IngestOffset.FileIdentity id = new IngestOffset.FileIdentity("2049", "1234", 4096L, "ab12");
        store.commitOffsets("trail", List.of(new IngestOffset("trail", "/logs/" + HOSTILE, 100, 3, id, null),
                new IngestOffset("trail", "/logs/b", 5, 1, IngestOffset.FileIdentity.UNKNOWN, null)));
        store.commitOffsets("trail", List.of(new IngestOffset("trail", "/logs/b", 50, 9, IngestOffset.FileIdentity.UNKNOWN, null)));
        store.commitOffsets("other", List.of(new IngestOffset("other", "/x", 1, 1, id, null)));
        assertThat(store.offsets("trail")).extracting(IngestOffset::fileKey, IngestOffset::byteOffset, IngestOffset::lineNumber,
                IngestOffset::identity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/logs/" + HOSTILE, 100L, 3L, id),
                org.assertj.core.groups.Tuple.tuple("/logs/b", 50L, 9L, IngestOffset.FileIdentity.UNKNOWN));
        assertThatThrownBy(() -> store.commitOffsets("trail", List.of(new IngestOffset("other", "/x", 1, 1, id, null))))
                .isInstanceOf(IllegalArgumentException.class);

        store.replaceOffsets("trail", List.of(new IngestOffset("trail", "/logs/c", 7, 2, id, "{\"name\":\"" + HOSTILE + "\"}", null)));
        assertThat(store.offsets("trail")).singleElement().satisfies(o -> {
            assertThat(o.fileKey()).isEqualTo("/logs/c");
            assertThat(o.resumeState()).isEqualTo("{\"name\":\"" + HOSTILE + "\"}");
        });
        assertThat(store.offsets("other")).hasSize(1);
    }

    @Test
    void suppressions_and_hunts_keep_hostile_text_intact() {
        StoredSuppression s = store.addSuppression("ana", HOSTILE, List.of("r1", HOSTILE), "userIdentity.arn|endswith: '" + HOSTILE + "'",
                "ci deploys", T0);
        assertThat(store.suppressions()).containsExactly(s);
        store.deleteSuppression("ana", s.id());
        assertThat(store.suppressions()).isEmpty();
        store.saveHunt("ana", HOSTILE, SavedHunt.Kind.SQL, "SELECT '" + HOSTILE + "'");
        SavedHunt h = store.saveHunt("bo", HOSTILE, SavedHunt.Kind.SIGMA, "title: x");
        assertThat(h.owner()).isEqualTo("ana");
        assertThat(store.hunts()).containsExactly(h);
        assertThat(store.hunt(HOSTILE)).contains(h);
        store.deleteHunt("ana", HOSTILE);
        assertThat(store.hunts()).isEmpty();
        assertThat(store.auditLog(TargetKind.HUNT, HOSTILE, 10, null).items()).hasSize(3);
    }

    @Test
    void rule_switches_keep_the_latest_state_and_audit_before_and_after() throws IOException {
        store.switchRule("ana", HOSTILE, false, "noisy: " + HOSTILE);
        store.switchRule("ana", "r2", false, "dup of r1");
        RuleState on = store.switchRule("bo", HOSTILE, true, null);
        assertThat(store.ruleStates()).extracting(RuleState::ruleId, RuleState::enabled, RuleState::changedBy)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(HOSTILE, true, "bo"),
                        org.assertj.core.groups.Tuple.tuple("r2", false, "ana"));
        assertThat(store.ruleStates()).contains(on);
        List<AuditEntry> audit = store.auditLog(TargetKind.RULE, HOSTILE, 10, null).items();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("rule.enable", "rule.disable");
        assertThat(Sql.JSON.readTree(audit.get(0).beforeJson()).get("reason").asText()).isEqualTo("noisy: " + HOSTILE);
        assertThat(Sql.JSON.readTree(audit.get(1).beforeJson()).get("enabled").asBoolean()).isTrue();
        assertThatThrownBy(() -> store.switchRule(" ", "r3", false, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void users_keep_only_a_hash_and_every_change_is_audited_without_it() {
        String hash = Passwords.hash("correct horse battery staple");
        StoredUser u = store.addUser("ana", HOSTILE, Role.ANALYST, hash);
        assertThat(store.user(HOSTILE)).contains(u);
        assertThat(Passwords.matches("correct horse battery staple", store.user(HOSTILE).orElseThrow().passwordHash()))
                .isTrue();
        assertThat(Passwords.matches("correct horse battery stable", hash)).isFalse();
        assertThatThrownBy(() -> store.addUser("ana", HOSTILE, Role.ADMIN, hash)).hasMessageContaining("already");
        store.setUserPassword("ana", HOSTILE, Passwords.hash("another long passphrase"));
        assertThat(store.disableUser("bo", HOSTILE).isDisabled()).isTrue();
        assertThat(store.users()).singleElement().satisfies(x -> assertThat(x.isDisabled()).isTrue());
        List<AuditEntry> audit = store.auditLog(TargetKind.USER, HOSTILE, 10, null).items();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("user.disable", "user.password", "user.add");
        assertThat(audit).allSatisfy(a -> assertThat(a.afterJson()).doesNotContain("argon2"));
        assertThatThrownBy(() -> Passwords.hash("short")).hasMessageContaining("at least 12");
    }

    @Test
    void hostile_alert_text_is_stored_and_filtered_intact() throws IOException {
        Alert a = alert(HOSTILE, HOSTILE, Level.CRITICAL, T0, HOSTILE, List.of("attack.t1530"));
        put(a);
        assertThat(store.alerts(AlertQuery.all().withEntity(Entity.of(EntityType.PRINCIPAL, HOSTILE)).withRule(HOSTILE)).items())
                .singleElement().satisfies(s -> {
                    assertThat(s.id()).isEqualTo(HOSTILE);
                    assertThat(s.ruleTitle()).isEqualTo("Rule " + HOSTILE);
                    assertThat(Sql.JSON.readTree(s.alertJson()).get("rule_id").asText()).isEqualTo(HOSTILE);
                });
        assertThat(store.alerts(AlertQuery.all()).items()).hasSize(1);
    }
}
