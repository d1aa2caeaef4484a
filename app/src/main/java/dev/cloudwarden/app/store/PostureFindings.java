package dev.cloudwarden.app.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.posture.FindingJson;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.ResourceEntities;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Posture findings kept current scan after scan.
 *
 * <p>A scan <b>replaces what it saw</b>: each failure it found is stored open (or suppressed), keeping when it was
 * first seen; a stored failure of a check it ran, in a file it read without a problem, that it did not find failing
 * is resolved (the check passed, or the resource is gone). A file it could not read, a check it did not run, and a
 * verdict it could not decide (unknown) change nothing: none of them shows a fix.
 */
final class PostureFindings {
    private static final ListOrder ORDER = new ListOrder("posture", List.of(
            new ListOrder.Key("f.severity_rank", "severity_rank", ListOrder.Kind.NUMBER),
            new ListOrder.Key("f.last_seen", "last_seen", ListOrder.Kind.TIME),
            new ListOrder.Key("f.id", "id", ListOrder.Kind.TEXT)));
    private static final String UPSERT = """
            INSERT INTO posture_findings (id, check_id, title, severity, severity_rank, framework, resource_type, resource,
                file, line, layer, owner, status, suppression_reason, first_seen, last_seen, resolved_at, last_scan,
                finding_json) VALUES\s""";
    private static final String ON_CONFLICT = """
             ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, severity = excluded.severity, severity_rank = excluded.severity_rank,
                line = excluded.line, layer = excluded.layer, owner = excluded.owner, status = excluded.status,
                suppression_reason = excluded.suppression_reason, last_seen = excluded.last_seen, resolved_at = NULL,
                last_scan = excluded.last_scan, finding_json = excluded.finding_json""";

    private final Connections connections;
    private final Clock clock;

    PostureFindings(Connections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** The store's id of a finding: a digest of what identifies it across scans ({@link Finding#key()}). */
    static String id(Finding f) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(f.key().getBytes(StandardCharsets.UTF_8));
            return "pf-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    StoredPostureScan record(String actor, List<String> roots, PostureScan scan, Collection<String> checksRun) {
        Instant now = Sql.micros(clock.instant());
        return connections.write("record a posture scan", c -> {
            long scanId = Sql.nextId(c, "posture_scan_ids");
            Map<String, Finding> failing = new LinkedHashMap<>();
            Set<String> undecided = new java.util.HashSet<>();
            int passed = 0;
            for (Finding f : scan.findings()) {
                switch (f.verdict()) {
                    case FAIL -> failing.put(id(f), f);
                    case UNKNOWN -> undecided.add(id(f));
                    case PASS -> passed++;
                    default -> {
                    }
                }
            }
            Set<String> unreadable = new java.util.HashSet<>();
            for (ParseProblem p : scan.problems()) {
                unreadable.add(p.location().file());
            }
            List<String> cleanlyRead = scan.files().stream().filter(f -> !unreadable.contains(f)).distinct().toList();
            Set<String> ran = Set.copyOf(checksRun);
            List<String> toResolve = new ArrayList<>();
            for (String[] row : stillFailing(c, cleanlyRead)) {
                String id = row[0];
                if (ran.contains(row[1]) && !failing.containsKey(id) && !undecided.contains(id)) {
                    toResolve.add(id);
                }
            }
            resolve(c, toResolve, now, scanId);
            Map<String, String> before = statuses(c, failing.keySet());
            int opened = 0;
            for (String id : failing.keySet()) {
                String was = before.get(id);
                if (was == null || was.equals(StoredFinding.RESOLVED)) {
                    opened++;
                }
            }
            upsert(c, failing, now, scanId);
            int suppressed = (int) failing.values().stream().filter(Finding::suppressed).count();
            StoredPostureScan recorded = new StoredPostureScan(scanId, now, actor, roots, scan.files().size(),
                    scan.resources().size(), ran.size(), failing.size() - suppressed, suppressed, passed,
                    undecided.size(), scan.problems().size(), opened, toResolve.size());
            insertScan(c, recorded);
            return recorded;
        });
    }

    /** (id, check id) of the open and suppressed findings in {@code files}. */
    private static List<String[]> stillFailing(Connection c, List<String> files) throws SQLException {
        List<String[]> out = new ArrayList<>();
        for (List<String> chunk : chunks(files)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, check_id FROM posture_findings WHERE status <> '"
                    + StoredFinding.RESOLVED + "' AND file IN (" + Sql.placeholders(chunk.size()) + ")")) {
                Sql.bind(ps, new ArrayList<>(chunk));
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, String> statuses(Connection c, Collection<String> ids) throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, status FROM posture_findings WHERE id IN ("
                    + Sql.placeholders(chunk.size()) + ")")) {
                Sql.bind(ps, new ArrayList<>(chunk));
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getString(2));
                    }
                }
            }
        }
        return out;
    }

    private static void resolve(Connection c, List<String> ids, Instant now, long scanId) throws SQLException {
        for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE posture_findings SET status = '" + StoredFinding.RESOLVED
                    + "', resolved_at = ?, last_scan = ? WHERE id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                Sql.setTime(ps, 1, now);
                ps.setLong(2, scanId);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 3, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    private static void upsert(Connection c, Map<String, Finding> failing, Instant now, long scanId)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> entityRows = new ArrayList<>();
        for (Map.Entry<String, Finding> e : failing.entrySet()) {
            Finding f = e.getValue();
            var check = f.check();
            var resource = f.resource();
            rows.add(new Object[] {e.getKey(), check.id(), check.title(), check.severity().id(),
                    check.severity().ordinal(), resource.framework().id(), resource.type(), resource.id(),
                    resource.location().file(), resource.location().line(), check.layer().id(), check.owner().id(),
                    f.suppressed() ? StoredFinding.SUPPRESSED : StoredFinding.OPEN,
                    f.suppressed() ? f.suppression().reason() : null, now, now, null, scanId, json(f)});
            for (Entity entity : ResourceEntities.of(resource)) {
                entityRows.add(new Object[] {e.getKey(), entity.type().id(), entity.value()});
            }
        }
        Sql.insertRows(c, UPSERT, "(" + Sql.placeholders(19) + ")", rows, ON_CONFLICT);
        // a resource's entities follow its configuration (a renamed bucket): its rows are replaced, not added to
        for (List<String> chunk : chunks(failing.keySet())) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM posture_finding_entities WHERE finding_id IN ("
                    + Sql.placeholders(chunk.size()) + ")")) {
                Sql.bind(ps, new ArrayList<>(chunk));
                ps.executeUpdate();
            }
        }
        Sql.insertRows(c, "INSERT INTO posture_finding_entities (finding_id, entity_type, entity_value) VALUES ",
                "(?, ?, ?)", entityRows, " ON CONFLICT DO NOTHING");
    }

    private static String json(Finding f) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Sql.JSON.getFactory().createGenerator(out)) {
            FindingJson.write(g, f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing a finding to a string", e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void insertScan(Connection c, StoredPostureScan s) throws SQLException {
        Sql.insertRows(c, "INSERT INTO posture_scans (id, scanned_at, actor, roots_json, files, resources, checks, failed, "
                        + "suppressed, passed, unknown, problems, opened, resolved) VALUES ", "(" + Sql.placeholders(14) + ")",
                List.<Object[]>of(new Object[] {s.id(), s.at(), s.actor(), Sql.jsonList(s.roots()), s.files(),
                        s.resources(), s.checks(), s.failed(), s.suppressed(), s.passed(), s.unknown(), s.problems(),
                        s.opened(), s.resolved()}), "");
    }

    // ---- reads

    Page<StoredFinding> list(FindingQuery q) {
        Filter f = new Filter("posture_findings f", "f.last_seen", "f.id");
        if (q.status() == null) {
            f.where("f.status <> ?", StoredFinding.RESOLVED);
        } else {
            f.where("f.status = ?", q.status());
        }
        if (q.minSeverity() != null) {
            f.where("f.severity_rank >= ?", q.minSeverity().ordinal());
        }
        if (q.layer() != null) {
            f.where("f.layer = ?", q.layer());
        }
        if (q.checkId() != null) {
            f.where("f.check_id = ?", q.checkId());
        }
        if (q.entity() != null) {
            f.where("EXISTS (SELECT 1 FROM posture_finding_entities e WHERE e.finding_id = f.id AND e.entity_type = ? "
                    + "AND e.entity_value = ?)", q.entity().type().id(), q.entity().value());
        }
        return connections.read("list posture findings", c -> {
            Page<StoredFinding> page = f.page(c, "f.*", ORDER, q.limit(), q.cursor(), PostureFindings::row);
            return new Page<>(withEntities(c, page.items()), page.next());
        });
    }

    /**
     * The findings still failing (open or suppressed) whose resource is one of {@code entities}, most severe first;
     * each carries only the entities it shares with them (why it is listed).
     */
    List<StoredFinding> of(Collection<Entity> entities, int limit) {
        if (entities.isEmpty()) {
            return List.of();
        }
        return connections.read("read the posture findings of entities", c -> {
            Map<String, StoredFinding> found = new LinkedHashMap<>();
            Map<String, Set<Entity>> shared = new HashMap<>();
            List<Entity> all = List.copyOf(new LinkedHashSet<>(entities));
            for (int from = 0; from < all.size(); from += Sql.ROWS_PER_STATEMENT / 2) {
                List<Entity> chunk = all.subList(from, Math.min(all.size(), from + Sql.ROWS_PER_STATEMENT / 2));
                String pairs = String.join(" OR ", java.util.Collections.nCopies(chunk.size(),
                        "(e.entity_type = ? AND e.entity_value = ?)"));
                List<Object> params = new ArrayList<>();
                chunk.forEach(e -> {
                    params.add(e.type().id());
                    params.add(e.value());
                });
                try (PreparedStatement ps = c.prepareStatement("SELECT f.*, e.entity_type AS shared_type, "
                        + "e.entity_value AS shared_value FROM posture_finding_entities e JOIN posture_findings f ON "
                        + "f.id = e.finding_id WHERE f.status <> '" + StoredFinding.RESOLVED + "' AND (" + pairs + ")")) {
                    Sql.bind(ps, params);
                    try (ResultSet r = ps.executeQuery()) {
                        while (r.next()) {
                            found.putIfAbsent(r.getString("id"), row(r));
                            shared.computeIfAbsent(r.getString("id"), k -> new java.util.TreeSet<>()).add(
                                    new Entity(IncidentReads.entityType(r.getString("shared_type")), r.getString("shared_value")));
                        }
                    }
                }
            }
            return found.values().stream()
                    .sorted(java.util.Comparator.comparing((StoredFinding x) -> x.severity().ordinal()).reversed()
                            .thenComparing(StoredFinding::checkId).thenComparing(StoredFinding::resource))
                    .limit(limit)
                    .map(x -> withEntities(x, List.copyOf(shared.get(x.id()))))
                    .toList();
        });
    }

    /** Findings still failing by layer and severity: what the posture page's summary shows. */
    Map<String, Map<String, Long>> countsByLayer() {
        return connections.read("count posture findings", c -> {
            Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT layer, severity, count(*) FROM posture_findings "
                    + "WHERE status = '" + StoredFinding.OPEN + "' GROUP BY layer, severity");
                 ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(r.getString(2), r.getLong(3));
                }
            }
            return out;
        });
    }

    List<StoredPostureScan> scans(int limit) {
        return connections.read("list posture scans", c -> {
            List<StoredPostureScan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM posture_scans ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredPostureScan(r.getLong("id"), Sql.instant(r, "scanned_at"), r.getString("actor"),
                                Sql.list(r.getString("roots_json")), r.getInt("files"), r.getInt("resources"),
                                r.getInt("checks"), r.getInt("failed"), r.getInt("suppressed"), r.getInt("passed"),
                                r.getInt("unknown"), r.getInt("problems"), r.getInt("opened"), r.getInt("resolved")));
                    }
                }
            }
            return out;
        });
    }

    private static List<StoredFinding> withEntities(Connection c, List<StoredFinding> findings) throws SQLException {
        if (findings.isEmpty()) {
            return findings;
        }
        Map<String, List<Entity>> entities = new HashMap<>();
        List<String> ids = findings.stream().map(StoredFinding::id).toList();
        try (PreparedStatement ps = c.prepareStatement("SELECT finding_id, entity_type, entity_value FROM "
                + "posture_finding_entities WHERE finding_id IN (" + Sql.placeholders(ids.size()) + ")")) {
            Sql.bind(ps, new ArrayList<>(ids));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    entities.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add(new Entity(IncidentReads.entityType(r.getString(2)), r.getString(3)));
                }
            }
        }
        return findings.stream().map(f -> withEntities(f, entities.getOrDefault(f.id(), List.of()).stream().sorted().toList()))
                .toList();
    }

    private static StoredFinding withEntities(StoredFinding f, List<Entity> entities) {
        return new StoredFinding(f.id(), f.checkId(), f.title(), f.severity(), f.framework(), f.resourceType(),
                f.resource(), f.file(), f.line(), f.layer(), f.owner(), f.status(), f.suppressionReason(), f.firstSeen(),
                f.lastSeen(), f.resolvedAt(), f.lastScan(), entities, f.findingJson());
    }

    private static StoredFinding row(ResultSet r) throws SQLException {
        return new StoredFinding(r.getString("id"), r.getString("check_id"), r.getString("title"),
                Sql.level(r.getString("severity")), r.getString("framework"), r.getString("resource_type"),
                r.getString("resource"), r.getString("file"), r.getInt("line"), r.getString("layer"),
                r.getString("owner"), r.getString("status"), r.getString("suppression_reason"),
                Sql.instant(r, "first_seen"), Sql.instant(r, "last_seen"), Sql.instant(r, "resolved_at"),
                r.getLong("last_scan"), List.of(), r.getString("finding_json"));
    }

    private static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += Sql.ROWS_PER_STATEMENT) {
            out.add(all.subList(from, Math.min(all.size(), from + Sql.ROWS_PER_STATEMENT)));
        }
        return out;
    }
}
