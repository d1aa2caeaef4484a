package dev.cloudwarden.engine.posture.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance against Checkov's own examples ({@code ../shared/datasets/config/checkov}): for every Checkov check one
 * of ours names as an equivalent, each resource Checkov's unit tests expect to pass or fail is judged by our checks,
 * and the verdicts are compared. Kubernetes examples without lists carry the verdict in their file names
 * ({@code -PASSED}, {@code -FAILED}). Goal: at least 97% agreement on every such check; each disagreement is listed
 * with its reason, and the figures are written to {@code target/posture-agreement.md}.
 */
class CheckovAgreementTest {
    static final Path DATASET = dataset("checkov");
    static final double GOAL = 0.97;

    /** A disagreement explained in {@code checkov-disagreements.yaml}. */
    record Explained(String checkov, String resource, String reason) {
    }

    /** What one resource was expected to be, and what we said. */
    record Case(String checkovId, String file, String resource, Verdict expected, Verdict ours, String why) {
        boolean agrees() {
            return expected == ours;
        }
    }

    @Test
    void ourChecksAgreeWithCheckovOnItsOwnExamples() throws IOException {
        Path expected = DATASET.resolve("expected_results.jsonl");
        Assumptions.assumeTrue(Files.exists(expected), "Checkov's examples are not here (" + expected
                + "); the acceptance figures need ../shared/datasets");
        List<Check> checks = BuiltInChecks.all();
        PostureScanner scanner = new PostureScanner(PostureSources.all(), checks);
        List<Case> cases = new ArrayList<>();
        int records = 0;
        for (String line : Files.readAllLines(expected)) {
            JsonNode r = Json.MAPPER.readTree(line);
            Framework framework = framework(r.path("framework").asText());
            String checkovId = r.path("check_id").asText();
            List<Check> ours = checks.stream().filter(c -> c.framework() == framework
                    && c.equivalents().getOrDefault("checkov", List.of()).contains(checkovId)).toList();
            if (framework == null || ours.isEmpty()) {
                continue;
            }
            records++;
            cases.addAll(judge(r, ours, scanner));
        }
        Map<String, List<Case>> byCheck = cases.stream()
                .collect(Collectors.groupingBy(Case::checkovId, TreeMap::new, Collectors.toList()));
        List<Explained> explained = explained();
        String report = report(byCheck, records, explained);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/posture-agreement.md"), report);
        System.out.println(report);
        List<String> below = byCheck.entrySet().stream()
                .filter(e -> agreementExplained(e.getValue(), explained) < GOAL).map(Map.Entry::getKey).toList();
        assertThat(cases).as("cases judged").isNotEmpty();
        List<Explained> stale = explained.stream().filter(x -> cases.stream().noneMatch(c -> !c.agrees()
                && c.checkovId().equals(x.checkov()) && c.resource().equals(x.resource()))).toList();
        assertThat(stale).as("explained disagreements that no longer disagree (remove them)").isEmpty();
        assertThat(below).as("Checkov checks below %.0f%% agreement (see target/posture-agreement.md)", GOAL * 100).isEmpty();
    }

    private static List<Case> judge(JsonNode r, List<Check> ours, PostureScanner scanner) {
        List<Path> files = new ArrayList<>();
        r.path("files").forEach(f -> files.add(DATASET.resolve(f.asText())));
        if (files.isEmpty()) {
            files.add(DATASET.resolve(r.path("example_dir").asText()));
        }
        PostureScan scan = scanner.scan(files, Suppressions.none(false));
        Map<String, Verdict> expected = new LinkedHashMap<>();
        r.path("passing_resources").forEach(id -> expected.put(id.asText(), Verdict.PASS));
        r.path("failing_resources").forEach(id -> expected.put(id.asText(), Verdict.FAIL));
        String checkovId = r.path("check_id").asText();
        List<Case> out = new ArrayList<>();
        Set<String> ourIds = ours.stream().map(Check::id).collect(Collectors.toSet());
        if (expected.isEmpty()) {
            // verdicts in the file names: every resource of a -PASSED file passes, of a -FAILED file fails. A Kubernetes
            // file holds the one object under test; a template (CloudFormation, ARM) also holds the resources the
            // example needs beside it (its bucket, its role), which Checkov's check never looks at: there only the
            // resources of the types our checks judge count, as Checkov counts only those of the types its check scans.
            for (ConfigResource res : scan.resources()) {
                if (res.framework() != Framework.KUBERNETES && ours.stream().noneMatch(c -> c.judges(res))) {
                    continue;
                }
                String name = Path.of(res.location().file()).getFileName().toString().toUpperCase(Locale.ROOT);
                Verdict want = name.contains("-PASSED") ? Verdict.PASS : name.contains("-FAILED") ? Verdict.FAIL : null;
                if (want != null) {
                    out.add(verdict(checkovId, res.location().file(), res.id(), want, scan, ourIds));
                }
            }
            return out;
        }
        expected.forEach((id, want) -> out.add(verdict(checkovId, r.path("example_dir").asText(), id, want, scan, ourIds)));
        return out;
    }

    /** Our verdict on every resource with the id: fail if any check fails it, pass if every one passes it. */
    private static Case verdict(String checkovId, String file, String id, Verdict want, PostureScan scan, Set<String> ourIds) {
        List<Finding> findings = scan.findings().stream()
                .filter(f -> ourIds.contains(f.check().id()) && f.resource().id().equals(id)
                        && (file.isEmpty() || f.resource().location().file().contains(file)))
                .toList();
        if (findings.isEmpty()) {
            boolean parsed = scan.resources().stream().anyMatch(x -> x.id().equals(id));
            return new Case(checkovId, file, id, want, Verdict.NOT_APPLICABLE,
                    parsed ? "our check does not judge this resource" : "resource not found by our parser"
                            + (scan.problems().isEmpty() ? "" : " (" + scan.problems().get(0) + ")"));
        }
        Verdict ours = findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL) ? Verdict.FAIL
                : findings.stream().allMatch(f -> f.verdict() == Verdict.PASS) ? Verdict.PASS : Verdict.UNKNOWN;
        String why = findings.stream().map(f -> f.check().id() + " " + f.verdict().id()
                + (f.outcome().detail().isEmpty() ? "" : " (" + f.outcome().detail() + ")")).collect(Collectors.joining("; "));
        return new Case(checkovId, file, id, want, ours, why);
    }

    /** Agreement when the explained disagreements are set aside (neither agreeing nor counted). */
    private static double agreementExplained(List<Case> cases, List<Explained> explained) {
        List<Case> counted = cases.stream().filter(c -> c.agrees() || explanation(c, explained) == null).toList();
        return agreement(counted);
    }

    private static String explanation(Case c, List<Explained> explained) {
        return explained.stream().filter(x -> x.checkov().equals(c.checkovId()) && x.resource().equals(c.resource()))
                .map(Explained::reason).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Explained> explained() throws IOException {
        try (var in = CheckovAgreementTest.class.getResourceAsStream("checkov-disagreements.yaml")) {
            Object root = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromInputStream(in);
            return ((List<Map<String, Object>>) root).stream().map(m -> new Explained((String) m.get("checkov"),
                    (String) m.get("resource"), ((String) m.get("reason")).trim())).toList();
        }
    }

    private static double agreement(List<Case> cases) {
        return cases.isEmpty() ? 1 : cases.stream().filter(Case::agrees).count() / (double) cases.size();
    }

    private static String report(Map<String, List<Case>> byCheck, int records, List<Explained> explained) {
        StringBuilder s = new StringBuilder("# Agreement with Checkov's examples\n\n");
        long all = byCheck.values().stream().mapToLong(List::size).sum();
        long agreed = byCheck.values().stream().flatMap(List::stream).filter(Case::agrees).count();
        s.append(String.format(Locale.ROOT, "%d Checkov checks with examples named as equivalents (%d test cases), %d of %d "
                + "resources agree (%.1f%%)%n%n", byCheck.size(), records, agreed, all, all == 0 ? 0 : 100.0 * agreed / all));
        s.append("| Checkov check | resources | agree | agreement | explained disagreements | agreement without them |\n"
                + "|---|---|---|---|---|---|\n");
        byCheck.forEach((id, cases) -> s.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f%% | %d | %.0f%% |%n", id,
                cases.size(), cases.stream().filter(Case::agrees).count(), 100 * agreement(cases),
                cases.stream().filter(c -> !c.agrees() && explanation(c, explained) != null).count(),
                100 * agreementExplained(cases, explained))));
        s.append("\n## Disagreements\n\n");
        byCheck.values().stream().flatMap(List::stream).filter(c -> !c.agrees()).forEach(c -> s.append(String.format(
                Locale.ROOT, "- %s %s (%s): Checkov %s, ours %s: %s%s%n", c.checkovId(), c.resource(), c.file(),
                c.expected().id(), c.ours().id(), c.why(),
                explanation(c, explained) == null ? "" : ". Why: " + explanation(c, explained))));
        return s.toString();
    }

    static Path dataset(String name) {
        return dev.cloudwarden.engine.posture.source.CheckovExamples.dataset(name);
    }

    private static Framework framework(String checkov) {
        return switch (checkov) {
            case "terraform", "terraform-graph" -> Framework.TERRAFORM;
            case "cloudformation" -> Framework.CLOUDFORMATION;
            case "kubernetes" -> Framework.KUBERNETES;
            case "arm" -> Framework.ARM;
            default -> null;
        };
    }
}
