package dev.cloudwarden.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.AuditEntry;
import dev.cloudwarden.app.store.TargetKind;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.starter.StarterIntel;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The service over real HTTP on loopback, with a real DuckDB store: auth, events in, alerts out, triage, audit. */
class ServiceTest {
    static final Instant T0 = Instant.parse("2026-11-02T03:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Service service;
    static PlatformStore store;
    static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    static String base;

    @BeforeAll
    static void start() throws Exception {
        store = PlatformStore.open(dir.resolve("store.duckdb").toString());
        for (Role r : Role.values()) {
            String token = "cw_test_" + r.id() + "_" + UUID.randomUUID();
            store.createToken("test", r.id() + "-token", r, ApiTokens.hash(token));
            TOKENS.put(r, token);
        }
        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        List<Indicator> intel = new ArrayList<>(StarterIntel.indicators());
        intel.add(Indicator.of(IocType.ADDRESS, "198.18.0.0/15", "test-feed", List.of("malware:graboid", "cloudwarden.m2")));
        intel.add(Indicator.of(IocType.DOMAIN, "pool.cryptominer.example", "test-feed", List.of("cryptomining")));
        RunConfig run = RunConfig.of(rules).withThreads(1).withIncidents(RunConfig.Incidents.defaults())
                .withIntel(IntelIndex.of(intel));
        java.nio.file.Files.createDirectories(dir.resolve("watched"));
        ServeConfig config = new ServeConfig(new ServeConfig.Server("127.0.0.1", 0, null, 64L * 1024, 500), null,
                new ServeConfig.Inputs(List.of(dir.resolve("watched").toString()), Duration.ofMillis(100), null),
                new ServeConfig.Detection(1, Duration.ofSeconds(1), Duration.ofMillis(200)), null, null, null);
        service = Service.start(config, run, intel, store);
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /**
     * One service serves every test, and its event time only moves forward: each test writes its events after those of
     * the tests before it (in whatever order they run), or they would be late.
     */
    private static final java.util.concurrent.atomic.AtomicLong EPOCH = new java.util.concurrent.atomic.AtomicLong();

    static long later() {
        return EPOCH.addAndGet(100_000);
    }

    static String failedLogin(long seconds, String user, String ip) {
        return ("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/%1$s\",\"accountId\":\"111122223333\",\"userName\":\"%1$s\"},"
                + "\"eventTime\":\"%2$s\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"%3$s\",\"userAgent\":\"Mozilla/5.0\","
                + "\"requestParameters\":null,\"responseElements\":{\"ConsoleLogin\":\"Failure\"},"
                + "\"additionalEventData\":{\"MFAUsed\":\"No\"},\"eventID\":\"%4$s\",\"eventType\":\"AwsConsoleSignIn\","
                + "\"recipientAccountId\":\"111122223333\"}").formatted(user, T0.plusSeconds(seconds), ip,
                UUID.nameUUIDFromBytes((seconds + user + ip).getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse<String> send(String method, String path, Role role, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (role != null) {
            b.header("Authorization", "Bearer " + TOKENS.get(role));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] lines(List<String> records) {
        return (String.join("\n", records) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static void awaitCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Thread.sleep(300);
        while (!service.caughtUp() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(service.caughtUp()).as("the service caught up").isTrue();
    }

    @Test
    void everyRouteWantsATokenAndItsRole() throws Exception {
        assertThat(service.routes()).hasSizeGreaterThan(10);
        for (ApiServer.Route r : service.routes()) {
            String path = r.path().replaceAll("\\{[a-z]+}", "x");
            HttpResponse<String> none = send(r.method(), path, null, r.method().equals("GET") ? null : new byte[0]);
            assertThat(none.statusCode()).as(r + " without a token").isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
            HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .method(r.method(), HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer cw_not_a_token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).as(r + " with an unknown token").isEqualTo(401);
            if (r.role() != Role.VIEWER) {
                Role below = Role.values()[r.role().ordinal() - 1];
                assertThat(send(r.method(), path, below, new byte[0]).statusCode()).as(r + " as " + below).isEqualTo(403);
            }
            HttpResponse<java.io.InputStream> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                    .header("Authorization", "Bearer " + TOKENS.get(r.role())).build(),
                    HttpResponse.BodyHandlers.ofInputStream()); // the stream's body never ends: only its status is read
            allowed.body().close();
            assertThat(allowed.statusCode()).as(r + " as " + r.role()).isNotIn(401, 403);
        }
    }

    @Test
    void eventsGoInAndAlertsAndIncidentsComeOutTriagedAndAudited() throws Exception {
        List<String> burst = new ArrayList<>();
        long t0 = later();
        for (int i = 0; i < 30; i++) {
            burst.add(failedLogin(t0 + i * 10L, "victim", "203.0.113.77"));
        }
        HttpResponse<String> posted = send("POST", "/api/v1/events", Role.ANALYST, lines(burst));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        assertThat(JSON.readTree(posted.body()).get("accepted").asInt()).isEqualTo(30);
        awaitCaughtUp();

        JsonNode alerts = JSON.readTree(send("GET", "/api/v1/alerts?entity=ip:203.0.113.77&facets=true", Role.VIEWER, null).body());
        assertThat(alerts.get("items")).isNotEmpty();
        JsonNode first = alerts.get("items").get(0);
        assertThat(first.get("alert_json").get("rule").isObject() || first.get("alert_json").isObject()).isTrue();
        assertThat(alerts.get("facets").get("level")).isNotNull();
        JsonNode incidents = JSON.readTree(send("GET", "/api/v1/incidents", Role.VIEWER, null).body());
        assertThat(incidents.get("items")).isNotEmpty();
        String incidentId = incidents.get("items").get(0).get("id").asText();
        // a list leaves out the engine's JSON of each incident, which one incident's read carries
        assertThat(incidents.get("items").get(0).has("incident_json")).isFalse();
        JsonNode one = JSON.readTree(send("GET", "/api/v1/incidents/" + incidentId, Role.VIEWER, null).body());
        assertThat(one.get("alerts")).isNotEmpty();
        assertThat(one.get("incident").get("incident_json").isObject()).isTrue();
        HttpResponse<String> byScore = send("GET", "/api/v1/incidents?sort=score&limit=1", Role.VIEWER, null);
        assertThat(byScore.statusCode()).as(byScore.body()).isEqualTo(200);
        String scoreCursor = JSON.readTree(byScore.body()).get("next").asText(null);
        if (scoreCursor != null) {
            HttpResponse<String> mixed = send("GET", "/api/v1/incidents?sort=last&cursor=" + scoreCursor, Role.VIEWER, null);
            assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(400);
            assertThat(mixed.body()).contains("'score'");
        }
        assertThat(send("GET", "/api/v1/incidents?sort=loudest", Role.VIEWER, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/alerts?cursor=not-a-cursor!", Role.VIEWER, null).statusCode()).isEqualTo(400);

        String alertId = first.get("id").asText();
        HttpResponse<String> patched = send("PATCH", "/api/v1/alerts/" + alertId, Role.ANALYST,
                "{\"status\":\"acknowledged\",\"assignee\":\"dana\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", "/api/v1/alerts/" + alertId, Role.VIEWER, null).body())
                .get("triage").get("status").asText()).isEqualTo("acknowledged");
        assertThat(send("POST", "/api/v1/alerts/" + alertId + "/comments", Role.ANALYST,
                "{\"body\":\"<script>alert(1)</script> looked at it\"}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(201);
        assertThat(send("GET", "/api/v1/alerts/" + alertId + "/comments", Role.VIEWER, null).body())
                .contains("looked at it");
        long commentId = JSON.readTree(send("GET", "/api/v1/alerts/" + alertId + "/comments", Role.VIEWER, null).body())
                .get(0).get("id").asLong();
        byte[] rewrite = "{\"body\":\"looked at it again: benign\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(send("PATCH", "/api/v1/comments/" + commentId, Role.RESPONDER, rewrite).statusCode())
                .as("not the author").isEqualTo(403);
        HttpResponse<String> edited = send("PATCH", "/api/v1/comments/" + commentId, Role.ANALYST, rewrite);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/comments/" + commentId + "/history", Role.VIEWER, null).body())
                .contains("looked at it").contains("analyst-token");
        assertThat(send("PATCH", "/api/v1/comments/" + commentId, Role.ADMIN, rewrite).statusCode()).isEqualTo(200);
        String audit = send("GET", "/api/v1/audit", Role.ADMIN, null).body();
        assertThat(audit).contains("analyst-token").contains("acknowledged");
        assertThat(send("GET", "/metrics", Role.VIEWER, null).body()).contains("cloudwarden_events_processed_total");
        JsonNode health = JSON.readTree(send("GET", "/api/v1/health", Role.VIEWER, null).body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void postureFindingsAreListedFilteredAndPagedWithTheirScans() throws Exception {
        java.nio.file.Path iac = java.nio.file.Files.createDirectories(dir.resolve("iac"));
        java.nio.file.Files.writeString(iac.resolve("main.tf"), """
                resource "aws_s3_bucket" "exports" {
                  bucket = "api-test-exports"
                  acl    = "public-read"
                }
                """);
        var checks = dev.cloudwarden.engine.posture.check.BuiltInChecks.all();
        var scan = new dev.cloudwarden.engine.posture.scan.PostureScanner(
                dev.cloudwarden.engine.posture.scan.PostureSources.all(), checks)
                .scan(List.of(iac), dev.cloudwarden.engine.posture.scan.Suppressions.none(true));
        store.recordPostureScan("test", List.of(iac.toString()), scan,
                checks.stream().map(dev.cloudwarden.engine.posture.check.Check::id).toList());
        JsonNode all = JSON.readTree(send("GET", "/api/v1/posture/findings?entity=bucket:api-test-exports", Role.VIEWER, null).body());
        assertThat(all.get("items")).isNotEmpty();
        JsonNode acl = null;
        for (JsonNode f : all.get("items")) {
            if (f.get("check_id").asText().equals("CW_TF_AWS_S3_ACL_PUBLIC_READ")) {
                acl = f;
            }
        }
        assertThat(acl).as("the public-read finding").isNotNull();
        assertThat(acl.get("status").asText()).isEqualTo("open");
        assertThat(acl.get("severity").asText()).isEqualTo("high");
        assertThat(acl.get("finding_json").get("resource").asText()).isEqualTo("aws_s3_bucket.exports");
        assertThat(acl.get("entities").get(0).get("type").asText()).isEqualTo("bucket");
        JsonNode page = JSON.readTree(send("GET", "/api/v1/posture/findings?limit=1", Role.VIEWER, null).body());
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("next").asText()).isNotEmpty();
        JsonNode second = JSON.readTree(send("GET", "/api/v1/posture/findings?limit=1&cursor="
                + java.net.URLEncoder.encode(page.get("next").asText(), StandardCharsets.UTF_8), Role.VIEWER, null).body());
        assertThat(second.get("items").get(0).get("id").asText()).isNotEqualTo(page.get("items").get(0).get("id").asText());
        assertThat(send("GET", "/api/v1/posture/findings?status=fixed", Role.VIEWER, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/posture/findings?severity=loud", Role.VIEWER, null).statusCode()).isEqualTo(400);
        JsonNode scans = JSON.readTree(send("GET", "/api/v1/posture/scans", Role.VIEWER, null).body());
        assertThat(scans.get(0).get("roots").get(0).asText()).isEqualTo(iac.toString());
        assertThat(scans.get(0).get("failed").asInt()).isEqualTo(all.get("items").size());
    }

    @Test
    void badBodiesAreAnsweredWithTheLineAndReasonAndTheGoodLinesAreKept() throws Exception {
        long t0 = later();
        byte[] body = lines(List.of(failedLogin(t0, "a", "198.51.100.1"), "{\"broken\": ", failedLogin(t0 + 1, "a", "198.51.100.1")));
        HttpResponse<String> r = send("POST", "/api/v1/events", Role.ANALYST, body);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(send("POST", "/api/v1/events?source=nope", Role.ANALYST, body).statusCode()).isEqualTo(400);
    }

    @Test
    void gzipIsReadAndBodiesOverTheLimitGet413() throws Exception {
        byte[] plain = lines(List.of(failedLogin(later(), "b", "198.51.100.2")));
        HttpResponse<String> zipped = send("POST", "/api/v1/events", Role.ANALYST, gzip(plain), "Content-Encoding", "gzip");
        assertThat(zipped.statusCode()).as(zipped.body()).isEqualTo(202);
        byte[] bomb = gzip(new byte[1024 * 1024]); // 1 MiB of zeros: about 1 KiB compressed, over the 64 KiB limit inflated
        assertThat(send("POST", "/api/v1/events", Role.ANALYST, bomb, "Content-Encoding", "gzip").statusCode()).isEqualTo(413);
        assertThat(send("POST", "/api/v1/events", Role.ANALYST, new byte[128 * 1024]).statusCode()).isEqualTo(413);
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndEveryAcceptedEventIsProcessed() throws Exception {
        long before = service.processed();
        long t0 = later();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<int[]>> results = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            results.add(clients.submit(() -> {
                int accepted = 0;
                int refused = 0;
                for (int req = 0; req < 20; req++) {
                    List<String> records = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        records.add(failedLogin(t0 + client * 5_000L + req * 100L + i, "u" + client, "192.0.2." + client));
                    }
                    while (true) { // a client that honours 429 sends the same body again
                        HttpResponse<String> r = send("POST", "/api/v1/events", Role.ANALYST, lines(records));
                        if (r.statusCode() == 429) {
                            assertThat(service.health().get("status")).as("the service took no event for long").isEqualTo("ok");
                            assertThat(r.headers().firstValue("Retry-After")).contains("1");
                            refused++;
                            Thread.sleep(20);
                            continue;
                        }
                        assertThat(r.statusCode()).isEqualTo(202);
                        accepted += JSON.readTree(r.body()).get("accepted").asInt();
                        break;
                    }
                }
                return new int[]{accepted, refused};
            }));
        }
        int accepted = 0;
        int refused = 0;
        for (Future<int[]> f : results) {
            int[] r = f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            accepted += r[0];
            refused += r[1];
        }
        clients.shutdown();
        awaitCaughtUp();
        assertThat(accepted).isEqualTo(8 * 20 * 100);
        System.out.printf("backpressure: %d events accepted, %d requests refused with 429 and sent again%n", accepted, refused);
        assertThat(service.processed() - before).isEqualTo(accepted);
    }

    @Test
    void aWatchedFolderIsFollowedAndItsPositionKeptInTheStore() throws Exception {
        Path file = dir.resolve("watched/trail.jsonl");
        List<String> records = new ArrayList<>();
        long t0 = later();
        for (int i = 0; i < 25; i++) {
            records.add(failedLogin(t0 + i * 5L, "watched-user", "203.0.113.200"));
        }
        java.nio.file.Files.write(file, lines(records.subList(0, 10)));
        awaitAlerts("ip:203.0.113.200");
        java.nio.file.Files.write(file, lines(records.subList(10, 25)), java.nio.file.StandardOpenOption.APPEND);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && store.offsets("files").stream().noneMatch(o -> o.lineNumber() == 25)) {
            Thread.sleep(100);
        }
        assertThat(store.offsets("files")).singleElement().satisfies(o -> {
            assertThat(o.lineNumber()).isEqualTo(25);
            assertThat(o.byteOffset()).isEqualTo(java.nio.file.Files.size(file));
            assertThat(o.resumeState()).contains("trail.jsonl");
        });
        JsonNode health = JSON.readTree(send("GET", "/api/v1/health", Role.VIEWER, null).body());
        assertThat(health.get("inputs").get(0).get("input").asText()).isEqualTo("files");
        assertThat(health.get("inputs").get(0).get("events").asLong()).isEqualTo(25);
    }

    private static void awaitAlerts(String entity) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode page = JSON.readTree(send("GET", "/api/v1/alerts?entity=" + entity, Role.VIEWER, null).body());
            if (!page.get("items").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no alert for " + entity);
    }

    @Test
    void huntsRunReadOnlySqlOverEventsAndAlerts() throws Exception {
        send("POST", "/api/v1/events", Role.ANALYST, lines(List.of(failedLogin(later(), "hunted", "198.51.100.99"))));
        awaitCaughtUp();
        String q = java.net.URLEncoder.encode("SELECT count(*) AS n FROM events WHERE src_ip = '198.51.100.99'",
                StandardCharsets.UTF_8);
        HttpResponse<String> r = send("GET", "/api/v1/hunt?q=" + q, Role.ANALYST, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"n\"");
        String alerts = java.net.URLEncoder.encode("SELECT count(*) AS n FROM alerts", StandardCharsets.UTF_8);
        assertThat(send("GET", "/api/v1/hunt?q=" + alerts, Role.ANALYST, null).statusCode()).isEqualTo(200);
        String copy = java.net.URLEncoder.encode("COPY (SELECT 1) TO '/tmp/x.csv'", StandardCharsets.UTF_8);
        assertThat(send("GET", "/api/v1/hunt?q=" + copy, Role.ANALYST, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/hunt?q=" + q, Role.VIEWER, null).statusCode()).isEqualTo(403);
    }

    @Test
    void huntsAreSavedCheckedAuditedAndRunByName() throws Exception {
        send("POST", "/api/v1/events", Role.ANALYST, lines(List.of(failedLogin(later(), "saved-hunt", "198.51.100.77"))));
        awaitCaughtUp();
        byte[] sql = JSON.writeValueAsBytes(Map.of("kind", "sql",
                "query", "SELECT count(*) AS n FROM events WHERE src_ip = '198.51.100.77'"));
        assertThat(send("PUT", "/api/v1/hunts/by-address", Role.VIEWER, sql).statusCode()).isEqualTo(403);
        HttpResponse<String> saved = send("PUT", "/api/v1/hunts/by-address", Role.ANALYST, sql);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).get("owner").asText()).isEqualTo("analyst-token");
        byte[] sigma = JSON.writeValueAsBytes(Map.of("kind", "sigma", "query", """
                title: failed console logins
                logsource: {product: aws, service: cloudtrail}
                detection: {sel: {eventName: ConsoleLogin, responseElements.ConsoleLogin: Failure}, condition: sel}
                """));
        assertThat(send("PUT", "/api/v1/hunts/failed-logins", Role.ANALYST, sigma).statusCode()).isEqualTo(200);

        JsonNode byAddress = JSON.readTree(send("GET", "/api/v1/hunt?saved=by-address", Role.ANALYST, null).body());
        assertThat(byAddress.get("rows").get(0).get(0).asLong()).isEqualTo(1);
        JsonNode failed = JSON.readTree(send("GET", "/api/v1/hunt?saved=failed-logins&limit=10000", Role.ANALYST, null).body());
        assertThat(failed.get("rows").size()).isPositive();
        assertThat(JSON.readTree(send("GET", "/api/v1/hunts", Role.VIEWER, null).body()).get("hunts"))
                .extracting(h -> h.get("name").asText()).contains("by-address", "failed-logins");

        // a hunt that could never run is refused when it is saved, not when it is run
        HttpResponse<String> write = send("PUT", "/api/v1/hunts/bad", Role.ANALYST, JSON.writeValueAsBytes(Map.of(
                "query", "DELETE FROM alerts")));
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(write.body()).contains("SELECT");
        assertThat(send("PUT", "/api/v1/hunts/bad", Role.ANALYST, JSON.writeValueAsBytes(Map.of("kind", "sigma",
                "query", "title: no detection"))).statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/api/v1/hunts/bad", Role.ANALYST, JSON.writeValueAsBytes(Map.of("kind", "python",
                "query", "x"))).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/hunt?saved=bad", Role.ANALYST, null).statusCode()).isEqualTo(404);

        assertThat(send("DELETE", "/api/v1/hunts/by-address", Role.ANALYST, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/hunts/by-address", Role.ANALYST, null).statusCode()).isEqualTo(404);
        assertThat(store.auditLog(TargetKind.HUNT, "by-address", 10, null).items()).extracting(AuditEntry::action)
                .containsExactly("hunt.delete", "hunt.save");
    }

    @Test
    void theOpenApiDocumentListsEveryRoute() throws Exception {
        JsonNode doc = JSON.readTree(send("GET", "/api/v1/openapi.json", Role.VIEWER, null).body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        for (ApiServer.Route r : service.routes()) {
            JsonNode op = doc.get("paths").get(r.path()).get(r.method().toLowerCase(java.util.Locale.ROOT));
            assertThat(op).as(r.toString()).isNotNull();
            assertThat(op.get("x-cloudwarden-role").asText()).isEqualTo(r.role().id());
        }
    }

    @Test
    void theStreamAnnouncesAlertsAsTheyAreWritten() throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/stream"))
                .header("Authorization", "Bearer " + TOKENS.get(Role.VIEWER)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (java.io.BufferedReader events = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(),
                StandardCharsets.UTF_8))) {
            long t0 = later();
            List<String> burst = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                burst.add(failedLogin(t0 + i * 10L, "streamed", "203.0.113.55"));
            }
            assertThat(send("POST", "/api/v1/events", Role.ANALYST, lines(burst)).statusCode()).isEqualTo(202);
            CompletableFuture<String> alert = CompletableFuture.supplyAsync(() -> {
                try {
                    String previous = "";
                    for (String line; (line = events.readLine()) != null; previous = line) {
                        if (previous.equals("event: alert") && line.startsWith("data: ")) {
                            return line;
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(alert.get(30, java.util.concurrent.TimeUnit.SECONDS)).contains("\"rule_id\"").contains("\"level\"");
        }
    }

    @Test
    void theRulesTheServiceRunsAreListedAndFiltered() throws Exception {
        JsonNode all = JSON.readTree(send("GET", "/api/v1/rules", Role.VIEWER, null).body());
        assertThat(all.get("rules").size()).isGreaterThan(300);
        assertThat(all.get("correlations").asInt()).isPositive();
        JsonNode console = JSON.readTree(send("GET", "/api/v1/rules?q=console&level=medium", Role.VIEWER, null).body());
        assertThat(console.get("rules")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.toString().toLowerCase(java.util.Locale.ROOT)).contains("console");
            assertThat(r.get("level").asText()).isIn("medium", "high", "critical");
        });
        assertThat(console.get("rules").size()).isLessThan(all.get("rules").size());
        assertThat(send("GET", "/api/v1/rules?level=severe", Role.VIEWER, null).statusCode()).isEqualTo(400);
    }

    @Test
    void aRuleSwitchedOffRaisesNothingUntilSwitchedOnAndEverySwitchIsAudited() throws Exception {
        List<String> ids = burstAlertRules("switch-a", "203.0.113.71");
        String id = ids.get(0);
        String path = "/api/v1/rules/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
        assertThat(send("PATCH", path, Role.RESPONDER, JSON.writeValueAsBytes(Map.of("enabled", false, "reason", "x")))
                .statusCode()).isEqualTo(403);
        assertThat(send("PATCH", path, Role.ADMIN, JSON.writeValueAsBytes(Map.of("enabled", false))).statusCode())
                .as("off without a reason").isEqualTo(400);
        assertThat(send("PATCH", "/api/v1/rules/no-such-rule", Role.ADMIN, JSON.writeValueAsBytes(Map.of("enabled", true)))
                .statusCode()).isEqualTo(404);
        String coveredAllOn = send("GET", "/api/v1/rules/coverage", Role.VIEWER, null).body();
        try {
            for (String rule : ids) {
                HttpResponse<String> off = send("PATCH", "/api/v1/rules/" + java.net.URLEncoder.encode(rule,
                        StandardCharsets.UTF_8), Role.ADMIN, JSON.writeValueAsBytes(Map.of("enabled", false,
                        "reason", "noisy in this account")));
                assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            }
            JsonNode listed = JSON.readTree(send("GET", "/api/v1/rules?enabled=false", Role.VIEWER, null).body());
            assertThat(listed.get("switched_off")).extracting(r -> r.get("id").asText()).containsAll(ids);
            // the coverage is kept between switches, and a switch renews it
            assertThat(send("GET", "/api/v1/rules/coverage", Role.VIEWER, null).body()).isNotEqualTo(coveredAllOn);
            long before = JSON.readTree(send("GET", "/api/v1/health", Role.VIEWER, null).body())
                    .get("matches_of_disabled_rules").asLong();
            long t0 = later();
            List<String> burst = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                burst.add(failedLogin(t0 + i * 10L, "switch-b", "203.0.113.72"));
            }
            send("POST", "/api/v1/events", Role.ANALYST, lines(burst));
            awaitCaughtUp();
            assertThat(JSON.readTree(send("GET", "/api/v1/health", Role.VIEWER, null).body())
                    .get("matches_of_disabled_rules").asLong()).isGreaterThan(before);
            JsonNode quiet = JSON.readTree(send("GET", "/api/v1/alerts?entity=ip:203.0.113.72", Role.VIEWER, null).body());
            assertThat(quiet.get("items")).extracting(a -> a.get("rule_id").asText()).doesNotContainAnyElementsOf(ids);
        } finally {
            for (String rule : ids) {
                send("PATCH", "/api/v1/rules/" + java.net.URLEncoder.encode(rule, StandardCharsets.UTF_8), Role.ADMIN,
                        JSON.writeValueAsBytes(Map.of("enabled", true)));
            }
        }
        assertThat(send("GET", "/api/v1/rules/coverage", Role.VIEWER, null).body()).isEqualTo(coveredAllOn);
        HttpResponse<String> timed = send("GET", "/api/v1/health", Role.VIEWER, null);
        assertThat(timed.headers().firstValue("Server-Timing").orElse("")).matches("app;dur=\\d+\\.\\d");
        assertThat(burstAlertRules("switch-c", "203.0.113.73")).contains(id);
        assertThat(store.auditLog(TargetKind.RULE, id, 10, null).items()).extracting(AuditEntry::action)
                .containsExactly("rule.enable", "rule.disable");
        assertThat(send("GET", "/api/v1/rules/coverage?format=navigator", Role.VIEWER, null).body())
                .contains("\"techniques\"");
    }

    @Test
    void intelIsCountedAndSearchedAsTheMatcherSeesIt() throws Exception {
        JsonNode stats = JSON.readTree(send("GET", "/api/v1/intel/stats", Role.VIEWER, null).body());
        assertThat(stats.get("indicators").asLong()).isEqualTo(StarterIntel.indicators().size() + 2);
        assertThat(stats.get("by_source").get("test-feed").asLong()).isEqualTo(2);
        assertThat(stats.get("by_label").get("malware:graboid").asLong()).isPositive();

        // an address inside a listed range, a subdomain of a listed domain: what the matcher would alert on
        JsonNode inRange = JSON.readTree(send("GET", "/api/v1/intel/search?value=198.19.4.5", Role.VIEWER, null).body());
        assertThat(inRange.get("indicators")).singleElement().satisfies(i -> {
            assertThat(i.get("value").asText()).isEqualTo("198.18.0.0/15");
            assertThat(i.get("valid_now").asBoolean()).isTrue();
        });
        JsonNode sub = JSON.readTree(send("GET", "/api/v1/intel/search?value=eu.pool.cryptominer.example", Role.VIEWER,
                null).body());
        assertThat(sub.get("indicators")).extracting(i -> i.get("value").asText()).containsExactly("pool.cryptominer.example");
        assertThat(JSON.readTree(send("GET", "/api/v1/intel/search?value=198.20.0.1", Role.VIEWER, null).body())
                .get("total").asInt()).isZero();

        JsonNode text = JSON.readTree(send("GET", "/api/v1/intel/search?q=GRABOID&source=test-feed&limit=1", Role.VIEWER,
                null).body());
        assertThat(text.get("total").asInt()).isEqualTo(1);
        assertThat(send("GET", "/api/v1/intel/search?q=x&type=ipv9", Role.VIEWER, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/intel/search", Role.VIEWER, null).statusCode()).isEqualTo(400);

        // and the run matches the same intel: a login from the listed range is an intel alert
        send("POST", "/api/v1/events", Role.ANALYST, lines(List.of(failedLogin(later(), "intel-user", "198.18.7.7"))));
        awaitAlerts("ip:198.18.7.7");
        JsonNode alerts = JSON.readTree(send("GET", "/api/v1/alerts?entity=ip:198.18.7.7", Role.VIEWER, null).body());
        assertThat(alerts.get("items")).extracting(a -> a.get("rule_id").asText()).anyMatch(r -> r.startsWith("cloudwarden.intel."));
    }

    /** The rules that alert on a burst of 20 failed logins of {@code user} from {@code ip}. */
    private static List<String> burstAlertRules(String user, String ip) throws Exception {
        long t0 = later();
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(failedLogin(t0 + i * 10L, user, ip));
        }
        send("POST", "/api/v1/events", Role.ANALYST, lines(burst));
        awaitAlerts("ip:" + ip);
        JsonNode page = JSON.readTree(send("GET", "/api/v1/alerts?entity=ip:" + ip, Role.VIEWER, null).body());
        List<String> rules = new ArrayList<>();
        page.get("items").forEach(a -> rules.add(a.get("rule_id").asText()));
        return rules.stream().distinct().toList();
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
