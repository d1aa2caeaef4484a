package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.output.ocsf.OcsfSchema;
import dev.cloudwarden.app.output.ocsf.OcsfValidator;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.simulate.Simulation;
import dev.cloudwarden.simulate.write.SimulationWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code events --format ocsf} and {@code scan --format ocsf} (Detection Findings) as the commands write them, every
 * line checked against the OCSF 1.1.0 schema compiled from its source ({@link OcsfSchema}, {@link OcsfValidator}):
 * the demo's simulation (every scenario in background traffic) and the public datasets in {@code ../shared/datasets/logs}.
 * Skipped, saying why, when the schema source or the datasets are not on this machine.
 */
class OcsfConformanceTest {
    private static OcsfValidator validator;

    @BeforeAll
    static void compile() {
        validator = new OcsfValidator(OcsfSchema.compile(OcsfSchema.locate()));
    }

    @Test
    void theDemosEventsAndFindingsConform(@TempDir Path dir) throws IOException {
        new Simulation(42, Instant.parse("2026-03-16T00:00:00Z"), Duration.ofHours(24)).write(dir, Simulation.allScenarios(), 3000);
        Path logs = dir.resolve(SimulationWriter.LOGS);
        Report events = check(dir, "events", logs.toString());
        Report findings = check(dir, "scan", logs.toString());
        assertThat(events.lines).as("events").isGreaterThan(3000);
        assertThat(findings.lines).as("findings").isGreaterThan(20);
        assertThat(events.invalid).as("OCSF errors in %,d of %,d events:%s", events.invalid, events.lines, events.summary()).isZero();
        assertThat(findings.invalid).as("OCSF errors in %,d of %,d findings:%s", findings.invalid, findings.lines, findings.summary()).isZero();
    }

    @Test
    void thePublicDatasetsEventsAndFindingsConform(@TempDir Path dir) throws IOException {
        Path shared = datasets().resolve("logs");
        List<String> inputs = new ArrayList<>(List.of(shared.resolve("stratus-red-team/detonation-logs").toString(),
                shared.resolve("falco-k8s-audit/test/trace_files/k8s_audit").toString()));
        // Panther's test cases wrap each record as {"log": ...}: the records themselves are the logs
        Path panther = Files.createDirectories(dir.resolve("panther"));
        try (var files = Files.list(shared.resolve("panther/by-logtype"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                List<String> records = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    JsonNode log = Json.MAPPER.readTree(line).get("log");
                    if (log != null && log.isObject()) {
                        records.add(log.toString());
                    }
                }
                Files.write(panther.resolve(f.getFileName()), records, StandardCharsets.UTF_8);
            }
        }
        inputs.add(panther.toString());
        // no public dataset holds S3 access logs as lines: the golden inputs (AWS's examples, Panther's records)
        Path s3 = Path.of("../engine/src/test/resources/golden/s3access");
        inputs.add(s3.resolve("aws-examples.log").toString());
        inputs.add(s3.resolve("panther.log").toString());
        Report events = check(dir, "events", inputs.toArray(String[]::new));
        Report findings = check(dir, "scan", inputs.toArray(String[]::new));
        assertThat(events.lines).as("events").isGreaterThan(1000);
        assertThat(findings.lines).as("findings").isGreaterThan(10);
        assertThat(events.invalid).as("OCSF errors in %,d of %,d events:%s", events.invalid, events.lines, events.summary()).isZero();
        assertThat(findings.invalid).as("OCSF errors in %,d of %,d findings:%s", findings.invalid, findings.lines, findings.summary()).isZero();
    }

    /** {@code posture scan --format ocsf}: Compliance Findings over our fixture and, when present, TerraGoat. */
    @Test
    void postureFindingsConform() throws Exception {
        List<String> args = new ArrayList<>(List.of("posture", "scan", "--format", "ocsf", "--unknown", "--passed",
                Path.of(OcsfConformanceTest.class.getResource("/posture/iac").toURI()).toString()));
        Path terragoat = datasets().resolve("config/terragoat");
        if (Files.isDirectory(terragoat)) {
            args.add(terragoat.toString());
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        Report r = new Report();
        for (String line : run.out().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.MAPPER.readTree(line);
            r.lines++;
            assertThat(n.path("class_uid").asInt()).isEqualTo(2003);
            OcsfValidator.Result result = validator.validate(n);
            if (!result.valid()) {
                r.invalid++;
            }
            for (OcsfValidator.Issue i : result.errors()) {
                String key = "Compliance Finding " + i.code() + " " + i.path().replaceAll("\\[\\d+]", "[]");
                r.counts.merge(key, 1L, Long::sum);
                r.errors.putIfAbsent(key, i.message());
            }
        }
        assertThat(r.lines).isGreaterThan(5);
        assertThat(r.invalid).as("OCSF errors in %,d of %,d compliance findings:%s", r.invalid, r.lines, r.summary()).isZero();
    }

    /** Errors by class, code and path, with one example each, and the number of lines that had any. */
    static final class Report {
        long lines;
        long invalid;
        final Map<String, String> errors = new TreeMap<>();
        final Map<String, Long> counts = new TreeMap<>();

        /** One line per kind of error: count, class, code, path, an example message. */
        String summary() {
            StringBuilder b = new StringBuilder();
            counts.forEach((k, v) -> b.append(String.format("%n  %,7d  %s  (%s)", v, k, errors.get(k))));
            return b.toString();
        }
    }

    private static Report check(Path dir, String command, String... inputs) throws IOException {
        Path out = dir.resolve(command + ".ocsf.ndjson");
        List<String> args = new ArrayList<>(List.of(command, "--format", "ocsf", "--quarantine", dir.resolve(command + ".q.ndjson").toString()));
        if (command.equals("scan")) {
            args.addAll(List.of("--store", dir.resolve("store.duckdb").toString()));
        }
        args.addAll(List.of(inputs));
        CliRun run;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
            run = CliRun.writingTo(o, args.toArray(String[]::new));
        }
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 3);
        Report r = new Report();
        try (var lines = Files.lines(out)) {
            lines.filter(l -> !l.isBlank()).forEach(line -> {
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
                r.lines++;
                OcsfValidator.Result result = validator.validate(n);
                if (!result.valid()) {
                    r.invalid++;
                }
                for (OcsfValidator.Issue i : result.errors()) {
                    String key = n.path("class_name").asText() + " " + i.code() + " " + i.path().replaceAll("\\[\\d+]", "[]");
                    r.counts.merge(key, 1L, Long::sum);
                    r.errors.putIfAbsent(key, i.message());
                }
            });
        }
        System.out.printf("%s --format ocsf: %,d lines, %,d invalid%n", command, r.lines, r.invalid);
        System.out.println(r.summary());
        return r;
    }

    static Path datasets() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String c : new String[] {"shared/datasets", "../shared/datasets"}) {
                Path candidate = dir.resolve(c).normalize();
                if (Files.isDirectory(candidate.resolve("logs"))) {
                    return candidate;
                }
            }
        }
        Assumptions.abort("../shared/datasets not found from " + Path.of("").toAbsolutePath()
                + ": the public datasets are not on this machine, so their OCSF conformance is not checked");
        return null;
    }
}
