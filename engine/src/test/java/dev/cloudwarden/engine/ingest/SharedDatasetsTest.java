package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole of each real log set in {@code ../shared/datasets}, not just the golden excerpts: every record
 * parses, as the right source, with zero rejections. Skipped (with the reason) when the datasets are absent.
 */
class SharedDatasetsTest {

    static Path datasets() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            candidate = dir.resolve("../shared/datasets").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("../shared/datasets not found from " + Path.of("").toAbsolutePath()
                + ": the shared datasets are not on this machine, so the full-dataset checks are skipped");
        return null;
    }

    private static GoldenFiles.Collected readAll(List<Path> files) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        Ingestor ingestor = new Ingestor(IngestOptions.defaults());
        for (Path f : files) {
            ingestor.read(Input.file(f), c);
        }
        return c;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyStratusDetonationRecordIsACloudTrailEvent() throws IOException {
        List<Path> files = list(datasets().resolve("logs/stratus-red-team/detonation-logs"), ".json");
        long expected = 0;
        for (Path f : files) {
            expected += Json.MAPPER.readTree(f.toFile()).size();
        }
        GoldenFiles.Collected c = readAll(files);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).hasSize((int) expected).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SourceType.CLOUDTRAIL);
            assertThat(e.operation().name()).isNotBlank();
            assertThat(e.actor().principal()).isNotBlank();
        });
    }

    @Test
    void everyFalcoKubernetesAuditTraceParses() throws IOException {
        List<Path> files = list(datasets().resolve("logs/falco-k8s-audit/test/trace_files/k8s_audit"), ".json");
        long lines = 0;
        for (Path f : files) {
            lines += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
        }
        GoldenFiles.Collected c = readAll(files);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).hasSize((int) lines);
        // Falco's robustness fixture fal_01_003.json is {"kind": 0}: not an audit event, so generic JSON.
        assertThat(c.events).allSatisfy(e -> assertThat(e.source()).isEqualTo(
                e.origin().input().endsWith("fal_01_003.json") ? SourceType.GENERIC_JSON : SourceType.K8S_AUDIT));
    }

    /**
     * Panther's test events: many are partial (only the fields one rule reads), so only records that carry
     * their source's required fields are fed, and each must parse as the source Panther labelled it.
     */
    @Test
    void everyCompletePantherRecordParsesAsItsLabelledSource(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path byType = datasets().resolve("logs/panther/by-logtype");
        check(byType.resolve("AWS.CloudTrail.jsonl"), tmp, SourceType.CLOUDTRAIL,
                "/eventVersion", "/eventTime", "/eventSource", "/eventName");
        check(byType.resolve("GCP.AuditLog.jsonl"), tmp, SourceType.GCP_AUDIT, "/protoPayload/methodName", "/timestamp");
        check(byType.resolve("AWS.VPCDns.jsonl"), tmp, SourceType.ROUTE53_RESOLVER, "/query_name", "/query_timestamp");
        check(byType.resolve("Amazon.EKS.Audit.jsonl"), tmp, SourceType.K8S_AUDIT, "/auditID", "/verb", "/requestURI",
                "/stageTimestamp");
        check(byType.resolve("Azure.MonitorActivity.jsonl"), tmp, SourceType.AZURE_ACTIVITY, "/time", "/resourceId",
                "/operationName");
    }

    /** {@code required} are JSON pointers that a record must have to count as complete. */
    private static void check(Path file, Path tmp, SourceType expected, String... required) throws IOException {
        List<String> complete = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode log = Json.MAPPER.readTree(line).get("log");
            boolean ok = log != null && log.isObject();
            for (String key : required) {
                ok &= log != null && !log.at(key).isMissingNode() && !log.at(key).isNull();
            }
            if (ok) {
                complete.add(log.toString());
            }
        }
        assertThat(complete).as("complete records in %s", file).isNotEmpty();
        Path ndjson = tmp.resolve(file.getFileName());
        Files.write(ndjson, complete, StandardCharsets.UTF_8);
        GoldenFiles.Collected c = readAll(List.of(ndjson));
        assertThat(c.rejections).as("rejections in %s", file).isEmpty();
        assertThat(c.events).hasSize(complete.size());
        assertThat(c.events).extracting(Event::source).containsOnly(expected);
    }

    /**
     * Every log file of every public dataset, as it is: each record (a JSON array element, an NDJSON line, a Panther
     * test event's {@code log}) is an event or a rejection, and nothing is rejected for its time or for a member its
     * parser would have liked. The figures per dataset are printed for the record.
     */
    @Test
    void everyRecordOfEveryDatasetIsAnEventOrARejectionForWhatCannotBeRead(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path logs = datasets().resolve("logs");
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs)) {
            files = s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".jsonl"))
                    .filter(f -> !f.getFileName().toString().equals("index.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        java.util.Map<String, long[]> figures = new java.util.TreeMap<>();
        java.util.Map<String, java.util.Map<SourceType, Long>> bySource = new java.util.TreeMap<>();
        List<String> badRejections = new ArrayList<>();
        for (Path f : files) {
            String dataset = logs.relativize(f).getName(0).toString();
            List<Path> inputs;
            long records;
            if (dataset.equals("panther")) {
                // Panther's files hold test cases; the record is each case's log, fed as the NDJSON a log type's export is.
                List<String> logsOnly = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    JsonNode log = Json.MAPPER.readTree(line).get("log");
                    if (log != null) {
                        logsOnly.add(log.toString());
                    }
                }
                Path ndjson = tmp.resolve(f.getFileName());
                Files.write(ndjson, logsOnly, StandardCharsets.UTF_8);
                inputs = List.of(ndjson);
                records = logsOnly.size();
            } else {
                inputs = List.of(f);
                records = recordsIn(f);
            }
            GoldenFiles.Collected c = readAll(inputs);
            assertThat(c.events.size() + c.rejections.size()).as("events + rejections of %s", f).isEqualTo(records);
            for (Rejection r : c.rejections) {
                String reason = r.reason();
                if (reason.contains("time") || reason.contains("missing") || reason.contains("not a")) {
                    badRejections.add(r.message());
                }
            }
            long[] fig = figures.computeIfAbsent(dataset, k -> new long[4]);
            fig[0] += records;
            fig[1] += c.events.size();
            fig[2] += c.rejections.size();
            fig[3] += c.events.stream().filter(Event::timeInferred).count();
            c.events.forEach(e -> bySource.computeIfAbsent(dataset, k -> new java.util.TreeMap<>()).merge(e.source(), 1L, Long::sum));
            c.rejections.forEach(r -> System.out.println("dataset rejection: " + dataset + ": " + r.message()));
        }
        figures.forEach((d, n) -> System.out.printf("dataset %s: %d records, %d events (%d with an inferred time), %d rejected;"
                + " events by source %s%n", d, n[0], n[1], n[3], n[2], bySource.get(d)));
        assertThat(badRejections).as("rejected for a time or a missing member").isEmpty();
    }

    /** Records in a dataset file: a JSON array's elements, a CloudTrail file's Records, or the non-blank lines of NDJSON. */
    private static long recordsIn(Path f) throws IOException {
        String text = Files.readString(f, StandardCharsets.UTF_8).strip();
        if (text.startsWith("[")) {
            return Json.MAPPER.readTree(text).size();
        }
        if (text.startsWith("{\"Records\"")) {
            return Json.MAPPER.readTree(text).get("Records").size();
        }
        return text.lines().filter(l -> !l.isBlank()).count();
    }
}
