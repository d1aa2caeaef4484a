package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Posture findings in the store, scan after scan, the same on every database: a subclass says where the store is. */
abstract class PostureStoreContract {
    private static final String PUBLIC_BUCKET = """
            resource "aws_s3_bucket" "exports" {
              bucket = "Acme-Customer-Exports"
              acl    = "public-read"
            }
            """;
    private static final String PRIVATE_BUCKET = """
            resource "aws_s3_bucket" "exports" {
              bucket = "Acme-Customer-Exports"
              acl    = "private"
            }
            """;
    private static final String ACL_CHECK = "CW_TF_AWS_S3_ACL_PUBLIC_READ";
    private static final Entity BUCKET = new Entity(EntityType.BUCKET, "acme-customer-exports");

    @TempDir
    Path dir;
    PlatformStore store;
    private String location;

    abstract String newLocation();

    void dispose(String location) {
    }

    @BeforeEach
    void openStore() {
        location = newLocation();
        store = TestStores.open(location);
    }

    @AfterEach
    void closeStore() {
        if (store != null) { // null when the database is not there and the test was skipped
            store.close();
            dispose(location);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path f = iac().resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    /** The configuration scanned (the store, a DuckDB file, lives beside it in {@link #dir}). */
    private Path iac() {
        return dir.resolve("iac");
    }

    private StoredPostureScan scan(List<Check> checks, Suppressions suppressions) {
        PostureScan s = new PostureScanner(PostureSources.all(), checks).scan(List.of(iac()), suppressions);
        return store.recordPostureScan("ana", List.of(iac().toString()), s, checks.stream().map(Check::id).toList());
    }

    private StoredPostureScan scan() {
        return scan(BuiltInChecks.all(), Suppressions.none(true));
    }

    private List<StoredFinding> all(String status) {
        List<StoredFinding> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredFinding> p = store.postureFindings(FindingQuery.failing().withStatus(status).withLimit(2).withCursor(cursor));
            out.addAll(p.items());
            cursor = p.next();
        } while (cursor != null);
        return out;
    }

    @Test
    void a_failure_is_stored_open_with_the_entities_its_resource_is() throws IOException {
        write("main.tf", PUBLIC_BUCKET);
        StoredPostureScan s = scan();
        assertThat(s.failed()).isPositive();
        assertThat(s.opened()).isEqualTo(s.failed());
        assertThat(s.resolved()).isZero();
        List<StoredFinding> open = all(StoredFinding.OPEN);
        assertThat(open).hasSize(s.failed());
        StoredFinding acl = open.stream().filter(f -> f.checkId().equals(ACL_CHECK)).findFirst().orElseThrow();
        assertThat(acl.resource()).isEqualTo("aws_s3_bucket.exports");
        assertThat(acl.file()).endsWith("main.tf");
        assertThat(acl.line()).isEqualTo(1);
        assertThat(acl.entities()).containsExactly(BUCKET);
        assertThat(acl.findingJson()).contains("\"check_id\":\"" + ACL_CHECK + "\"");
        // most severe first, through every page
        assertThat(open).isSortedAccordingTo(java.util.Comparator.comparing((StoredFinding f) -> f.severity().ordinal()).reversed());
        assertThat(store.postureFindingsOf(List.of(BUCKET, new Entity(EntityType.IP, "192.0.2.1")), 50))
                .extracting(StoredFinding::id).containsExactlyInAnyOrderElementsOf(open.stream().map(StoredFinding::id).toList());
        assertThat(store.postureFindingsOf(List.of(new Entity(EntityType.BUCKET, "other")), 50)).isEmpty();
        assertThat(store.postureScans(5)).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("ana");
            assertThat(r.files()).isEqualTo(1);
            assertThat(r.roots()).containsExactly(iac().toString());
        });
    }

    @Test
    void a_fix_resolves_and_a_relapse_reopens_keeping_when_it_was_first_seen() throws IOException {
        write("main.tf", PUBLIC_BUCKET);
        scan();
        StoredFinding first = one(ACL_CHECK);
        write("main.tf", PRIVATE_BUCKET);
        StoredPostureScan fixed = scan();
        assertThat(fixed.resolved()).isPositive();
        assertThat(fixed.opened()).isZero();
        assertThat(one(ACL_CHECK).status()).isEqualTo(StoredFinding.RESOLVED);
        assertThat(one(ACL_CHECK).resolvedAt()).isNotNull();
        assertThat(store.postureFindingsOf(List.of(BUCKET), 50)).noneMatch(f -> f.checkId().equals(ACL_CHECK));
        write("main.tf", PUBLIC_BUCKET);
        StoredPostureScan relapse = scan();
        assertThat(relapse.opened()).isEqualTo(1);
        StoredFinding again = one(ACL_CHECK);
        assertThat(again.status()).isEqualTo(StoredFinding.OPEN);
        assertThat(again.resolvedAt()).isNull();
        assertThat(again.firstSeen()).isEqualTo(first.firstSeen());
        assertThat(again.lastScan()).isEqualTo(relapse.id());
    }

    @Test
    void a_resource_gone_from_a_file_read_cleanly_is_resolved_but_an_unreadable_file_changes_nothing() throws IOException {
        write("main.tf", PUBLIC_BUCKET);
        write("other.tf", PUBLIC_BUCKET.replace("exports", "logs").replace("Acme-Customer-Logs", "acme-logs"));
        int before = all(StoredFinding.OPEN).size();
        StoredPostureScan s = scan();
        assertThat(s.failed()).isEqualTo(all(StoredFinding.OPEN).size()).isGreaterThan(before);
        write("main.tf", "resource \"aws_s3_bucket\" \"exports\" {\n  bucket = \n");
        StoredPostureScan broken = scan();
        assertThat(broken.problems()).isPositive();
        assertThat(broken.resolved()).isZero();
        assertThat(one(ACL_CHECK, "aws_s3_bucket.exports").status()).isEqualTo(StoredFinding.OPEN);
        write("main.tf", "# the bucket moved to another account\n");
        StoredPostureScan gone = scan();
        assertThat(gone.resolved()).isPositive();
        assertThat(one(ACL_CHECK, "aws_s3_bucket.exports").status()).isEqualTo(StoredFinding.RESOLVED);
        assertThat(one(ACL_CHECK, "aws_s3_bucket.logs").status()).isEqualTo(StoredFinding.OPEN);
    }

    @Test
    void a_scan_of_some_checks_leaves_the_other_checks_findings_alone() throws IOException {
        write("main.tf", PUBLIC_BUCKET);
        StoredPostureScan all = scan();
        List<Check> one = BuiltInChecks.all().stream().filter(c -> c.id().equals(ACL_CHECK)).toList();
        write("main.tf", PRIVATE_BUCKET);
        StoredPostureScan some = scan(one, Suppressions.none(true));
        assertThat(some.checks()).isEqualTo(1);
        assertThat(some.resolved()).isEqualTo(1);
        assertThat(all(StoredFinding.OPEN)).hasSize(all.failed() - 1);
    }

    @Test
    void an_accepted_failure_is_kept_as_suppressed_with_its_reason() throws IOException {
        write("main.tf", PUBLIC_BUCKET);
        String reason = "public exports by design; it's \"fine\" <script>";
        Suppressions accepted = new Suppressions(Suppressions.parse("s.yaml", """
                - check: %s
                  resource: aws_s3_bucket.exports
                  reason: '%s'
                  expires: 2999-12-31
                """.formatted(ACL_CHECK, reason.replace("'", "''"))), true, LocalDate.of(2026, 1, 1));
        StoredPostureScan s = scan(BuiltInChecks.all(), accepted);
        assertThat(s.suppressed()).isEqualTo(1);
        StoredFinding f = one(ACL_CHECK);
        assertThat(f.status()).isEqualTo(StoredFinding.SUPPRESSED);
        assertThat(f.suppressionReason()).isEqualTo(reason);
        assertThat(all(StoredFinding.OPEN)).noneMatch(x -> x.checkId().equals(ACL_CHECK));
        assertThat(store.postureFindingsOf(Set.of(BUCKET), 50)).anyMatch(x -> x.checkId().equals(ACL_CHECK));
    }

    @Test
    void findings_filter_by_severity_layer_check_and_entity() throws IOException {
        write("main.tf", PUBLIC_BUCKET);
        scan();
        List<StoredFinding> open = all(StoredFinding.OPEN);
        assertThat(store.postureFindings(FindingQuery.failing().withMinSeverity(Level.HIGH)).items())
                .allMatch(f -> f.severity().compareTo(Level.HIGH) >= 0)
                .hasSize((int) open.stream().filter(f -> f.severity().compareTo(Level.HIGH) >= 0).count());
        assertThat(store.postureFindings(FindingQuery.failing().withCheck(ACL_CHECK)).items()).singleElement();
        assertThat(store.postureFindings(FindingQuery.failing().withLayer("saas")).items()).isEmpty();
        assertThat(store.postureFindings(FindingQuery.failing().withEntity(BUCKET)).items()).hasSameSizeAs(open);
        assertThat(store.openPostureFindingsByLayer()).containsOnlyKeys(open.stream().map(StoredFinding::layer).distinct().toList());
    }

    @Test
    void an_incident_shows_the_findings_still_failing_on_its_entities() throws IOException {
        write("main.tf", PUBLIC_BUCKET);
        scan();
        var alert = StoreFixtures.alert("a1", "r1", Level.HIGH, StoreFixtures.T0, "arn:aws:iam::111122223333:user/ci", List.of());
        var alerts = store.alertSink();
        alerts.accept(alert);
        alerts.flush();
        var incidents = store.incidentSink();
        var incident = dev.cloudwarden.engine.incident.Incident.of(List.of(alert), List.of(BUCKET,
                new Entity(EntityType.PRINCIPAL, "arn:aws:iam::111122223333:user/ci")));
        incidents.accept(dev.cloudwarden.engine.incident.IncidentUpdate.of(
                dev.cloudwarden.engine.incident.IncidentUpdate.Kind.OPENED, incident));
        incidents.flush();
        IncidentDetail d = store.incident(incident.id()).orElseThrow();
        assertThat(d.postureFindings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.entities()).containsExactly(BUCKET))
                .anyMatch(f -> f.checkId().equals(ACL_CHECK));
        write("main.tf", PRIVATE_BUCKET);
        scan();
        assertThat(store.incident(incident.id()).orElseThrow().postureFindings()).noneMatch(f -> f.checkId().equals(ACL_CHECK));
    }

    private StoredFinding one(String check) {
        return one(check, "aws_s3_bucket.exports");
    }

    private StoredFinding one(String check, String resource) {
        List<StoredFinding> found = new ArrayList<>();
        for (String status : List.of(StoredFinding.OPEN, StoredFinding.SUPPRESSED, StoredFinding.RESOLVED)) {
            found.addAll(all(status).stream().filter(f -> f.checkId().equals(check) && f.resource().equals(resource)).toList());
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
