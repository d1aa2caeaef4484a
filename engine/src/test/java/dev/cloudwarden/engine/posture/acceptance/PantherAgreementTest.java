package dev.cloudwarden.engine.posture.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance against Panther's policy tests ({@code ../shared/datasets/config/panther-policies/by-resourcetype}): for
 * every Panther policy one of our AWS snapshot checks names as an equivalent ({@code equivalents: {panther: [...]}}),
 * each test resource is read by the AWS snapshot source (tagged with the policy's resource type, as Panther's scanner
 * tags what it collects) and judged by our checks; Panther's expected result (false = misconfigured) is compared with
 * our verdict. Goal: at least 97% agreement on every such policy; each disagreement is listed with its reason
 * ({@code panther-disagreements.yaml}), and the figures are written to {@code target/posture-panther-agreement.md}.
 */
class PantherAgreementTest {
    static final Path DATASET = CheckovAgreementTest.dataset("panther-policies").resolve("by-resourcetype");
    static final double GOAL = 0.97;

    @TempDir
    Path tmp;

    /** A disagreement explained in {@code panther-disagreements.yaml}. */
    record Explained(String panther, String test, String reason) {
    }

    /** What one test resource was expected to be, and what we said. */
    record Case(String policy, String test, Verdict expected, Verdict ours, String why) {
        boolean agrees() {
            return expected == ours;
        }
    }

    @Test
    void ourChecksAgreeWithPantherOnItsPolicyTests() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DATASET), "Panther's policy tests are not here (" + DATASET
                + "); the acceptance figures need ../shared/datasets");
        List<Check> checks = BuiltInChecks.all();
        PostureScanner scanner = new PostureScanner(PostureSources.all(), checks);
        List<Case> cases = new ArrayList<>();
        int records = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(DATASET)) {
            files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = Json.MAPPER.readTree(line);
                String policy = r.path("policy_id").asText();
                List<Check> ours = checks.stream().filter(c -> c.framework() == Framework.AWS
                        && c.equivalents().getOrDefault("panther", List.of()).contains(policy)).toList();
                if (ours.isEmpty()) {
                    continue;
                }
                records++;
                cases.add(judge(r, ours, scanner, tmp.resolve("record-" + records + ".jsonl")));
            }
        }
        Map<String, List<Case>> byPolicy = cases.stream()
                .collect(Collectors.groupingBy(Case::policy, TreeMap::new, Collectors.toList()));
        List<Explained> explained = explained();
        String report = report(byPolicy, records, explained);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/posture-panther-agreement.md"), report);
        System.out.println(report);
        assertThat(cases).as("cases judged").isNotEmpty();
        for (Explained x : explained) {
            assertThat(cases).as("explained disagreement still disagrees: " + x)
                    .anyMatch(c -> !c.agrees() && c.policy().equals(x.panther()) && c.test().equals(x.test()));
        }
        List<String> below = byPolicy.entrySet().stream()
                .filter(e -> agreementExplained(e.getValue(), explained) < GOAL).map(Map.Entry::getKey).toList();
        assertThat(below).as("Panther policies below %.0f%% agreement (see target/posture-panther-agreement.md)", GOAL * 100)
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Case judge(JsonNode r, List<Check> ours, PostureScanner scanner, Path file) throws IOException {
        String policy = r.path("policy_id").asText();
        String test = r.path("test_name").asText();
        Map<String, Object> resource = new LinkedHashMap<>(Json.MAPPER.convertValue(r.path("resource"), Map.class));
        if (!(resource.get("ResourceType") instanceof String)) {
            resource.put("ResourceType", r.path("resource_types").path(0).asText());
        }
        Files.writeString(file, Json.MAPPER.writeValueAsString(resource) + "\n");
        PostureScan scan = scanner.scan(List.of(file), Suppressions.none(false));
        Verdict want = r.path("expected_result").asBoolean() ? Verdict.PASS : Verdict.FAIL;
        List<String> ourIds = ours.stream().map(Check::id).toList();
        List<Finding> findings = scan.findings().stream().filter(f -> ourIds.contains(f.check().id())).toList();
        if (findings.isEmpty()) {
            String why = scan.resources().isEmpty()
                    ? "resource not read by the AWS snapshot source" + (scan.problems().isEmpty() ? "" : " (" + scan.problems().get(0) + ")")
                    : "our check does not judge this resource (" + scan.resources().get(0).type() + ")";
            return new Case(policy, test, want, Verdict.NOT_APPLICABLE, why);
        }
        Verdict verdict = findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL) ? Verdict.FAIL
                : findings.stream().allMatch(f -> f.verdict() == Verdict.PASS) ? Verdict.PASS : Verdict.UNKNOWN;
        String why = findings.stream().map(f -> f.check().id() + " " + f.verdict().id()
                + (f.outcome().detail().isEmpty() ? "" : " (" + f.outcome().detail() + ")")).collect(Collectors.joining("; "));
        return new Case(policy, test, want, verdict, why);
    }

    private static double agreementExplained(List<Case> cases, List<Explained> explained) {
        return agreement(cases.stream().filter(c -> c.agrees() || explanation(c, explained) == null).toList());
    }

    private static String explanation(Case c, List<Explained> explained) {
        return explained.stream().filter(x -> x.panther().equals(c.policy()) && x.test().equals(c.test()))
                .map(Explained::reason).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Explained> explained() throws IOException {
        try (var in = PantherAgreementTest.class.getResourceAsStream("panther-disagreements.yaml")) {
            Object root = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromInputStream(in);
            if (root == null) {
                return List.of();
            }
            return ((List<Map<String, Object>>) root).stream().map(m -> new Explained((String) m.get("panther"),
                    (String) m.get("test"), ((String) m.get("reason")).trim())).toList();
        }
    }

    private static double agreement(List<Case> cases) {
        return cases.isEmpty() ? 1 : cases.stream().filter(Case::agrees).count() / (double) cases.size();
    }

    private static String report(Map<String, List<Case>> byPolicy, int records, List<Explained> explained) {
        StringBuilder s = new StringBuilder("# Agreement with Panther's policy tests\n\n");
        long all = byPolicy.values().stream().mapToLong(List::size).sum();
        long agreed = byPolicy.values().stream().flatMap(List::stream).filter(Case::agrees).count();
        s.append(String.format(Locale.ROOT, "%d Panther policies named as equivalents (%d test resources), %d of %d agree "
                + "(%.1f%%)%n%n", byPolicy.size(), records, agreed, all, all == 0 ? 0 : 100.0 * agreed / all));
        s.append("| Panther policy | resources | agree | agreement | explained disagreements | agreement without them |\n"
                + "|---|---|---|---|---|---|\n");
        byPolicy.forEach((id, cases) -> s.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f%% | %d | %.0f%% |%n", id,
                cases.size(), cases.stream().filter(Case::agrees).count(), 100 * agreement(cases),
                cases.stream().filter(c -> !c.agrees() && explanation(c, explained) != null).count(),
                100 * agreementExplained(cases, explained))));
        s.append("\n## Disagreements\n\n");
        byPolicy.values().stream().flatMap(List::stream).filter(c -> !c.agrees()).forEach(c -> s.append(String.format(
                Locale.ROOT, "- %s \"%s\": Panther %s, ours %s: %s%s%n", c.policy(), c.test(), c.expected().id(),
                c.ours().id(), c.why(), explanation(c, explained) == null ? "" : ". Why: " + explanation(c, explained))));
        return s.toString();
    }
}
