package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform store (issue 10): grouped alerts, incidents with their alerts, entities and timeline, triage
 * state, comments, the audit log, suppressions, saved hunts, ingest offsets, API tokens and posture findings. One implementation
 * over DuckDB (embedded, the default) and PostgreSQL (shared deployments), one schema ({@link StoreSchema}).
 *
 * <p>Safe for several threads: each call runs in its own transaction on a borrowed connection. Every change an
 * analyst makes writes an audit row (actor, time, before and after) in the same transaction. All values are bound
 * as statement parameters, never spliced into SQL.
 *
 * <p>Errors are {@link StoreException}s naming the store; a change that names rows that do not exist throws
 * {@link StoreException.NotFound} and changes nothing; bad arguments (a malformed cursor) throw
 * {@link IllegalArgumentException}.
 */
public final class PlatformStore implements AutoCloseable {
    private final StoreLocation location;
    private final Connections connections;
    private final int schemaVersion;
    private final AuditLog audit;
    private final AlertReads alertReads;
    private final IncidentReads incidentReads;
    private final Triage triage;
    private final Comments comments;
    private final Settings settings;
    private final RuleStates ruleStates;
    private final Users users;
    private final Tokens tokens;
    private final Offsets offsets;
    private final PostureFindings posture;
    private final ResponseRecords responses;
    private final Clock clock;

    private PlatformStore(StoreLocation location, Connections connections, int schemaVersion, Clock clock) {
        this.location = location;
        this.connections = connections;
        this.schemaVersion = schemaVersion;
        this.clock = clock;
        this.audit = new AuditLog(connections, clock);
        this.alertReads = new AlertReads(connections);
        this.incidentReads = new IncidentReads(connections);
        this.triage = new Triage(connections, audit, clock);
        this.comments = new Comments(connections, audit, clock);
        this.settings = new Settings(connections, audit, clock);
        this.ruleStates = new RuleStates(connections, audit, clock);
        this.users = new Users(connections, audit, clock);
        this.tokens = new Tokens(connections, audit, clock);
        this.offsets = new Offsets(connections, clock);
        this.posture = new PostureFindings(connections, clock);
        this.responses = new ResponseRecords(connections, clock);
    }

    /**
     * Opens the store at {@code location} (a DuckDB file path, created with its folder when missing;
     * {@code postgresql://user:password@host:port/db}; or {@code jdbc:postgresql://...}) and brings its schema up
     * to date.
     *
     * @throws StoreException when it is unreachable, locked by another process, refuses the login, or has a
     *                        newer schema than this CloudWarden knows
     * @throws IllegalArgumentException when the location is malformed
     */
    public static PlatformStore open(String location) {
        return open(StoreLocation.parse(location), Clock.systemUTC());
    }

    /** {@link #open(String)} with the clock that stamps changes (tests fix it). */
    public static PlatformStore open(StoreLocation location, Clock clock) {
        if (location.file() != null) {
            try {
                java.nio.file.Path parent = location.file().getParent();
                if (parent != null) {
                    java.nio.file.Files.createDirectories(parent);
                }
            } catch (java.io.IOException e) {
                throw new StoreException("cannot create the folder of the store " + location.display() + ": " + e.getMessage(), e);
            }
        }
        Connections connections = Connections.open(location);
        try {
            int version = StoreSchema.migrate(location.dialect(), connections::newConnection, location.display());
            return new PlatformStore(location, connections, version, clock);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    public Dialect dialect() {
        return location.dialect();
    }

    /** How messages name this store (a path, or the server and database without the password). */
    /** The DuckDB store's file; empty for PostgreSQL. */
    public java.util.Optional<java.nio.file.Path> file() {
        return java.util.Optional.ofNullable(location.file());
    }

    public String display() {
        return location.display();
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    // ---- the detection run's sinks

    /**
     * A sink that stores a run's alerts, upserting on their ids: the same alert twice leaves one row; a later
     * grouped form of it updates its count, last seen and JSON. Triage state is never touched. Writes go in
     * batches, one transaction each; {@link AlertSink#flush()} writes what is pending. One thread uses a sink.
     */
    public AlertSink alertSink() {
        return new StoreSinks.Alerts(connections, clock);
    }

    /**
     * A sink that keeps incidents current from the run's updates: opened, updated and closed incidents are
     * upserted with their alerts (membership and order), entities and techniques; a merged-away incident is
     * removed, its comments move to the incident that absorbed it, its triage is carried over where that one has
     * none, and the merge is audited (actor {@code engine}). Triage state is never overwritten by the engine.
     */
    public IncidentSink incidentSink() {
        return new StoreSinks.Incidents(connections, audit, clock);
    }

    // ---- alerts

    /** Alerts per transaction of {@link #loadAlerts}: bounds the rows a load holds in memory. */
    private static final int LOAD_CHUNK = 50_000;

    /**
     * Bulk-loads alerts none of which is stored yet (benchmarks, imports of millions), through DuckDB's appender
     * or PostgreSQL's COPY: the rows, entities, techniques and JSON the {@link #alertSink()} writes, without its
     * upserts; one transaction per {@value #LOAD_CHUNK} alerts, then the matrix's counts are recomputed. An id
     * already stored fails the chunk that holds it. Returns the alerts loaded.
     */
    public long loadAlerts(java.util.Iterator<dev.cloudwarden.engine.alert.Alert> alerts) {
        long loaded = 0;
        Instant now = clock.instant();
        while (alerts.hasNext()) {
            loaded += connections.write("bulk-load alerts", c -> AlertLoad.chunk(c, dialect(), alerts, LOAD_CHUNK, now));
        }
        recountTechniques();
        return loaded;
    }

    /**
     * Multiplies the stored alerts for benchmarks at a scale the generator cannot fill in time: adds
     * {@code copies - 1} copies of every alert with its entity and technique rows, copy k with new ids and every
     * time moved by k × {@code shift} (whole seconds), all else (rule, level, entities, JSON) the original's; then
     * recomputes the matrix's counts. The copies' JSON still names the original's id and times. Returns the alerts
     * added.
     */
    public long replicateAlerts(int copies, java.time.Duration shift) {
        if (copies < 1 || shift.isNegative() || shift.getNano() != 0 || shift.toSeconds() * copies > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("copies must be 1 or more and the shift whole seconds, in all under "
                    + Integer.MAX_VALUE + " s: " + copies + " × " + shift);
        }
        long added = connections.write("replicate alerts", c -> AlertLoad.replicate(c, copies, shift.toSeconds()));
        recountTechniques();
        return added;
    }

    /** After a bulk write, which does not keep them current: the matrix's counts from the technique rows. */
    private void recountTechniques() {
        connections.write("recount the ATT&CK matrix", c -> {
            AlertLoad.recountTechniques(c);
            return null;
        });
    }

    public Page<StoredAlert> alerts(AlertQuery query) {
        return alertReads.list(query);
    }

    /** Counts of the alerts {@code query} selects (its cursor and limit are ignored). */
    public Facets alertFacets(AlertQuery query) {
        return alertReads.facets(query);
    }

    public Optional<StoredAlert> alert(String id) {
        return alertReads.one(id);
    }

    /**
     * The ATT&CK matrix: alerts per technique, of the alerts {@code query} selects (cursor and limit ignored),
     * largest first. Over all alerts ({@link AlertQuery#all()}) it reads a count the sinks keep current.
     */
    public Map<String, Long> techniqueCounts(AlertQuery query) {
        return alertReads.techniqueCounts(query);
    }

    // ---- incidents

    public Page<StoredIncident> incidents(IncidentQuery query) {
        return incidentReads.list(query);
    }

    public Facets incidentFacets(IncidentQuery query) {
        return incidentReads.facets(query, Facets.FIRST);
    }

    /** The facets counted over at most the first {@code first} incidents (tests try the bound on a few). */
    Facets incidentFacets(IncidentQuery query, int first) {
        return incidentReads.facets(query, first);
    }

    /** The intel feeds imported into this store (the intel tables' own store: DuckDB's file), by name. */
    public List<dev.cloudwarden.app.intel.store.StoreRecords.Feed> intelFeeds() {
        return connections.read("read the intel feeds", IntelTables::feeds);
    }

    /** The {@code limit} indicators sighted most, as scans recorded them. */
    public List<IntelSighting> intelSightings(int limit) {
        return connections.read("read the intel sightings", c -> IntelTables.sightings(c, limit));
    }

    /** Alerts per rule among rules whose ids start with {@code prefix}, most first, at most {@code limit} rules. */
    public Map<String, Long> alertsByRulePrefix(String prefix, int limit) {
        return connections.read("count alerts by rule", c -> IntelTables.alertsByRulePrefix(c, prefix, limit));
    }

    /** Posture findings an incident's page lists at most: the most severe, if its entities have more. */
    static final int INCIDENT_FINDINGS = 50;

    /**
     * One incident with its alerts in kill-chain order, its entities, its timeline, the posture findings still
     * failing on its entities (its resources and principals; not its account, whose settings concern every incident),
     * and its responses: their steps' state and the audit trail.
     */
    public Optional<IncidentDetail> incident(String id) {
        return incidentReads.detail(id).map(d -> d.with(posture.of(d.entities().stream()
                        .filter(dev.cloudwarden.engine.posture.scan.ResourceEntities::pointsAtOneResource).toList(),
                        INCIDENT_FINDINGS), responses.stepsOfIncident(id), responses.trail(id)));
    }

    // ---- triage

    /** Applies {@code patch} to each alert of {@code ids} (one transaction, an audit row each). */
    public List<TriageResult> triageAlerts(String actor, Collection<String> ids, TriagePatch patch) {
        return triage.apply(actor, TargetKind.ALERT, ids, patch);
    }

    /** Applies {@code patch} to each incident of {@code ids} (one transaction, an audit row each). */
    public List<TriageResult> triageIncidents(String actor, Collection<String> ids, TriagePatch patch) {
        return triage.apply(actor, TargetKind.INCIDENT, ids, patch);
    }

    /** Adds a comment to an alert or incident (which must exist). */
    public Comment addComment(String actor, TargetKind kind, String targetId, String body) {
        return comments.add(actor, kind, targetId, body);
    }

    /** Replaces a comment's text, keeping the earlier text in its history. */
    public Comment editComment(String actor, long commentId, String body) {
        return comments.edit(actor, commentId, body);
    }

    /** One comment, by id. */
    public Optional<Comment> comment(long id) {
        return comments.one(id);
    }

    /** The comments on an alert or incident, oldest first. */
    public List<Comment> comments(TargetKind kind, String targetId) {
        return comments.of(kind, targetId);
    }

    /** The earlier texts of a comment, oldest first. */
    public List<CommentEdit> commentHistory(long commentId) {
        return comments.history(commentId);
    }

    // ---- audit

    /**
     * The audit log, newest first.
     *
     * @param kind     only changes to this kind of target; null for all
     * @param targetId only changes to this target (with {@code kind}); null for all
     * @param cursor   {@link Page#next()} of the previous page, or null
     */
    public Page<AuditEntry> auditLog(TargetKind kind, String targetId, int limit, String cursor) {
        return audit.list(kind, targetId, limit, cursor);
    }

    // ---- suppressions and saved hunts

    public StoredSuppression addSuppression(String actor, String title, List<String> rules, String selection,
                                            String reason, Instant expires) {
        return settings.addSuppression(actor, title, rules, selection, reason, expires);
    }

    public List<StoredSuppression> suppressions() {
        return settings.suppressions();
    }

    /** Deletes a suppression; {@link StoreException.NotFound} when there is none with that id. */
    public void deleteSuppression(String actor, long id) {
        settings.deleteSuppression(actor, id);
    }

    /** Saves (adds or replaces) a hunt by name. */
    public SavedHunt saveHunt(String actor, String name, SavedHunt.Kind kind, String query) {
        return settings.saveHunt(actor, name, kind, query);
    }

    public List<SavedHunt> hunts() {
        return settings.hunts();
    }

    public Optional<SavedHunt> hunt(String name) {
        return settings.hunt(name);
    }

    public void deleteHunt(String actor, String name) {
        settings.deleteHunt(actor, name);
    }

    /** Switches a rule off or on (audited); the store does not know the rules, the caller checks the id. */
    public RuleState switchRule(String actor, String ruleId, boolean enabled, String reason) {
        return ruleStates.set(actor, ruleId, enabled, reason);
    }

    /** Adds a local user of the web UI with a password hash from {@link Passwords#hash}. */
    public StoredUser addUser(String actor, String name, Role role, String passwordHash) {
        return users.add(actor, name, role, passwordHash);
    }

    public StoredUser setUserPassword(String actor, String name, String passwordHash) {
        return users.setPassword(actor, name, passwordHash);
    }

    /** A disabled user cannot sign in; the row stays, so the audit log's names keep meaning someone. */
    public StoredUser disableUser(String actor, String name) {
        return users.disable(actor, name);
    }

    public Optional<StoredUser> user(String name) {
        return users.find(name);
    }

    public List<StoredUser> users() {
        return users.list();
    }

    /** Every rule ever switched, with its current state. */
    public List<RuleState> ruleStates() {
        return ruleStates.all();
    }

    // ---- reading the store's own tables in the same process (hunting exports a snapshot through this)

    /** Work that reads through one of the store's connections. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(java.sql.Connection c) throws java.sql.SQLException, java.io.IOException;
    }

    /**
     * Runs {@code work} on one of the store's connections, for readers in the same process that need SQL the store
     * does not offer (DuckDB lets no second instance of the process open its file); it must not write.
     */
    public <T> T withConnection(String what, ConnectionWork<T> work) throws java.io.IOException {
        java.io.IOException[] failed = new java.io.IOException[1];
        T out = connections.read(what, c -> {
            try {
                return work.run(c);
            } catch (java.io.IOException e) {
                failed[0] = e;
                return null;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        return out;
    }

    // ---- posture findings

    /**
     * Records a posture scan: its failures stored open (or suppressed), and the stored failures it saw resolved (a
     * check of {@code checksRun} that passed, or a resource gone, in a file the scan read without a problem). One
     * transaction.
     *
     * @param roots     what was scanned (paths, or live sources), for the scan's record
     * @param checksRun the ids of the checks the scan ran: another check's findings are left as they are
     */
    public StoredPostureScan recordPostureScan(String actor, List<String> roots,
                                               dev.cloudwarden.engine.posture.scan.PostureScan scan,
                                               Collection<String> checksRun) {
        return posture.record(actor, roots, scan, checksRun);
    }

    public Page<StoredFinding> postureFindings(FindingQuery query) {
        return posture.list(query);
    }

    /**
     * The findings still failing on any of {@code entities} (an incident's), most severe first, at most
     * {@code limit}; each lists the entities it shares with them.
     */
    public List<StoredFinding> postureFindingsOf(Collection<dev.cloudwarden.engine.incident.Entity> entities, int limit) {
        return posture.of(entities, limit);
    }

    /** Open findings per responsibility layer, by severity. */
    public Map<String, Map<String, Long>> openPostureFindingsByLayer() {
        return posture.countsByLayer();
    }

    /** The latest posture scans, newest first. */
    public List<StoredPostureScan> postureScans(int limit) {
        return posture.scans(limit);
    }

    // ---- responses

    /** The steps of one response (one playbook run for one incident), in plan order. */
    public List<ResponseStep> responseSteps(String responseId) {
        return responses.steps(responseId);
    }

    /** The steps of every response to one incident. */
    public List<ResponseStep> responseStepsOfIncident(String incidentId) {
        return responses.stepsOfIncident(incidentId);
    }

    /** Saves a step's state and appends {@code event} to the trail (null: none) in one transaction. */
    public void saveResponseStep(ResponseStep step, ResponseEvent event) {
        responses.save(step, event);
    }

    /** Records an approval of a step (its event's step id, on every target) and appends it to the trail. */
    public void approveResponseStep(ResponseEvent approval) {
        responses.approve(approval);
    }

    /** The step ids of a response that were approved. */
    public java.util.Set<String> responseApprovals(String responseId) {
        return responses.approvals(responseId);
    }

    /** Appends to a response's audit trail; nothing ever changes or removes a line. */
    public void appendResponseEvent(ResponseEvent event) {
        responses.append(event);
    }

    /** Every response event of an incident, oldest first: what its page shows and its export carries. */
    public List<ResponseAuditEntry> responseTrail(String incidentId) {
        return responses.trail(incidentId);
    }

    // ---- the landscape report

    /**
     * The report's figures over incidents whose first alert is in [{@code from}, {@code to}), counted in SQL.
     *
     * @param entityTypes        the entity types whose top values it lists ({@code principal}, {@code ip} ...)
     * @param containmentActions the response actions that contain (time to contain is to the first of them that
     *                           succeeded)
     */
    public ReportFigures reportFigures(Instant from, Instant to, List<String> entityTypes,
                                       Collection<String> containmentActions) {
        return new ReportQueries(connections, dialect()).figures(from, to, entityTypes, containmentActions);
    }

    /**
     * What the report compares a period with, over incidents whose first alert is in [{@code from}, {@code to}):
     * incidents, alerts, catalog rows, motives, mining hours and bytes exposed; the other figures are left empty.
     */
    public ReportFigures reportTrend(Instant from, Instant to) {
        return new ReportQueries(connections, dialect()).trend(from, to);
    }

    // ---- ingest offsets

    /** Every committed offset of a live input, by file key. */
    public List<IngestOffset> offsets(String input) {
        return offsets.load(input);
    }

    /** Commits the offsets of a live input in one transaction (each replaces the file's earlier one). */
    public void commitOffsets(String input, Collection<IngestOffset> committed) {
        offsets.commit(input, committed, false);
    }

    /** Replaces every offset of a live input with {@code committed}, in one transaction (its whole state at once). */
    public void replaceOffsets(String input, Collection<IngestOffset> committed) {
        offsets.commit(input, committed, true);
    }

    // ---- API tokens

    /**
     * Stores a new token by the hex SHA-256 of its text ({@link ApiTokens#hash}); the text itself is never stored.
     */
    public ApiToken createToken(String actor, String name, Role role, String sha256Hex) {
        return tokens.create(actor, name, role, sha256Hex);
    }

    /** The valid (not revoked) token with this hash, its last use set to now; empty when there is none. */
    public Optional<ApiToken> authenticate(String sha256Hex) {
        return tokens.authenticate(sha256Hex);
    }

    public List<ApiToken> tokens() {
        return tokens.list();
    }

    /** Revokes a token; {@link StoreException.NotFound} when there is none with that id. */
    public ApiToken revokeToken(String actor, long id) {
        return tokens.revoke(actor, id);
    }

    @Override
    public void close() {
        connections.close();
    }
}
