package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudwarden report} over a fixed simulated store: golden HTML, the same bytes twice, hostile entity names
 * shown as text, an empty period that says so, and each chart's data as CSV.
 */
class ReportCommandTest {
    private static final Path GOLDEN = Path.of("src/test/resources/report/golden.html");
    private static final String FROM = "2026-11-01T00:00:00Z";
    private static final String TO = "2026-12-01T00:00:00Z";

    @TempDir
    static Path dir;
    static String store;

    /** A simulated day at a fixed time, scanned into a store whose times are then pinned to the events'. */
    @BeforeAll
    static void simulatedStore() throws Exception {
        CliRun sim = CliRun.of("simulate", "--out", dir.resolve("sim").toString(), "--events", "2000", "--seed", "3",
                "--start", "2026-11-20T00:00:00Z");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        store = dir.resolve("store/cw.duckdb").toString();
        CliRun scan = CliRun.of("scan", "--no-intel", "--format", "json", "--store", store,
                "--incidents", dir.resolve("incidents.ndjson").toString(), dir.resolve("sim/logs").toString());
        assertThat(scan.exitCode()).as(scan.err()).isIn(0, 1);
        try (PlatformStore s = PlatformStore.open(store)) {
            // the store learned of each incident when the scan ran (wall time); a golden report needs a fixed one
            s.withConnection("pin the store's times", c -> {
                try (var st = c.createStatement()) {
                    st.execute("UPDATE incidents SET stored_at = last_at");
                }
                return null;
            });
        }
    }

    private static CliRun report(Path out, String from, String to) {
        return CliRun.of("report", "--store", store, "--from", from, "--to", to, "--out", out.toString());
    }

    @Test
    void theReportIsGoldenAndTheSameBytesTwice(@TempDir Path out) throws Exception {
        CliRun first = report(out.resolve("a.html"), FROM, TO);
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun second = report(out.resolve("b.html"), FROM, TO);
        assertThat(second.exitCode()).isZero();
        String html = Files.readString(out.resolve("a.html"));
        assertThat(html).isEqualTo(Files.readString(out.resolve("b.html")));
        assertThat(html).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http")
                .contains("<svg").contains("<td>T1</td>").contains("Methodology");
        if (Boolean.getBoolean("cloudwarden.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, html);
        }
        assertThat(html).as("golden report (update with -Dcloudwarden.golden.update=true)").isEqualTo(Files.readString(GOLDEN));
        assertThat(Files.readString(out.resolve("a-data/initial-access.csv"))).startsWith("\"row\",\"threat\",\"incidents\"");
        assertThat(out.resolve("a-data")).isDirectoryContaining("glob:**/attack-heat-map.csv")
                .isDirectoryContaining("glob:**/recommendations.csv");
    }

    @Test
    void thePdfHasTheSameContentOnPagesThatBreakBetweenRows(@TempDir Path out) throws Exception {
        CliRun r = CliRun.of("report", "--store", store, "--from", FROM, "--to", TO, "--out", out.resolve("r.html").toString(),
                "--pdf", out.resolve("r.pdf").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.resolve("r.pdf").toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(2);
            // cells wrap where the column ends: compare the words, not the lines
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("How attackers got in (T1-T5)", "ATT&CK heat map", "Methodology",
                    "Exploitation of cloud applications", "1 / " + doc.getNumberOfPages());
        }
        Path images = java.nio.file.Files.createDirectories(out.resolve("pages"));
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CI") != null || new java.io.File("/usr/bin/pdftoppm").canExecute(),
                "pdftoppm (poppler-utils) is not installed");
        Process p = new ProcessBuilder("pdftoppm", "-r", "40", "-png", out.resolve("r.pdf").toString(), images.resolve("p").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.resolve("r.pdf").toFile()); var listed = Files.list(images)) {
            assertThat(listed.count()).isEqualTo(doc.getNumberOfPages());
        }
    }

    @Test
    void aFileOfIncidentsGivesTheStoresFiguresAndNamesItsBadLines(@TempDir Path out) throws Exception {
        Path file = out.resolve("incidents.ndjson");
        Files.copy(dir.resolve("incidents.ndjson"), file);
        Files.writeString(file, "{\"schema\":\"cloudwarden.incident/1\"}\nnot json\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        long lines = Files.readAllLines(file).size();
        CliRun fromFile = CliRun.of("report", "--incidents", file.toString(), "--from", FROM, "--to", TO,
                "--out", out.resolve("file.html").toString());
        assertThat(fromFile.exitCode()).as(fromFile.err()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
        assertThat(fromFile.err()).contains(file + ":" + (lines - 1) + ": not an incident: missing \"id\"")
                .contains(file + ":" + lines + ": not JSON");
        CliRun fromStore = report(out.resolve("store.html"), FROM, TO);
        assertThat(fromStore.exitCode()).as(fromStore.err()).isZero();
        for (String chart : List.of("initial-access.csv", "actions.csv", "malware.csv", "motives.csv", "attack-heat-map.csv")) {
            assertThat(Files.readString(out.resolve("file-data").resolve(chart))).as(chart)
                    .isEqualTo(Files.readString(out.resolve("store-data").resolve(chart)));
        }
        assertThat(Files.readString(out.resolve("file.html"))).contains("a file of incidents does not say when each was learnt of");
        CliRun both = CliRun.of("report", "--incidents", file.toString(), "--store", store, "--out", out.resolve("x.html").toString());
        assertThat(both.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(both.err()).contains("give --store or --incidents, not both");
        CliRun missing = CliRun.of("report", "--incidents", out.resolve("none.ndjson").toString(), "--out", out.resolve("y.html").toString());
        assertThat(missing.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void anEmptyPeriodSaysSo(@TempDir Path out) throws Exception {
        CliRun r = CliRun.of("report", "--store", store, "--from", "2020-01-01T00:00:00Z", "--to", "2020-02-01T00:00:00Z",
                "--out", out.resolve("empty.html").toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        String html = Files.readString(out.resolve("empty.html"));
        assertThat(html).contains("No incident in this period").contains("—");
    }

    @Test
    void hostileNamesAreTextInTheHtmlAndDefusedInTheCsv(@TempDir Path out) throws Exception {
        String hostile = "arn:aws:iam::1:user/<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
        String formula = "=HYPERLINK(\"http://evil\",\"x\")";
        Path location = out.resolve("hostile.duckdb");
        try (PlatformStore s = PlatformStore.open(location.toString())) {
            Instant t = Instant.parse("2026-11-10T10:00:00Z");
            Event e = Event.builder(SourceType.CLOUDTRAIL, t, RawRecord.ofJson("{\"eventName\":\"StopLogging\"}".getBytes(StandardCharsets.UTF_8)))
                    .actor(new Actor(hostile, "IAMUser", null, null, null)).build();
            Alert a = new Alert("x1", "r1", "Trail stopped", Level.HIGH, t, List.of("cloudwarden.t3"), List.of(e));
            var alerts = s.alertSink();
            alerts.accept(a);
            alerts.flush();
            var incidents = s.incidentSink();
            incidents.accept(IncidentUpdate.of(IncidentUpdate.Kind.OPENED, Incident.of(List.of(a),
                    List.of(new Entity(EntityType.PRINCIPAL, hostile), new Entity(EntityType.BUCKET, formula)))));
            incidents.flush();
        }
        CliRun r = CliRun.of("report", "--store", location.toString(), "--from", FROM, "--to", TO, "--out",
                out.resolve("r.html").toString(), "--pdf", out.resolve("r.pdf").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("r.html"));
        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.resolve("r.pdf").toFile())) {
            // cells wrap where the column ends: compare the words, not the lines
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("<script>alert(1)</script>");
        }
        String csv = Files.readString(out.resolve("r-data/top-entities.csv"));
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    }
}
