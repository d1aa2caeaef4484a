package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScanAndRulesCommandTest {
    private static final Path STRATUS = Path.of("src/test/resources/stratus/logs");

    @Test
    void scanRaisesTheSigmaHqAlertsForRealAttackRecords() throws IOException {
        CliRun run = CliRun.of("scan", "--format", "json", "--fail-on", "critical", STRATUS.toString());
        assertThat(run.exitCode()).isZero();
        List<JsonNode> alerts = run.out().lines().map(CliRunJson::parse).toList();
        assertThat(alerts).extracting(a -> a.get("rule").asText())
                .contains("AWS Successful Console Login Without MFA", "AWS Snapshot Backup Exfiltration");
        JsonNode login = alerts.stream().filter(a -> a.get("rule").asText().contains("Without MFA")).findFirst().orElseThrow();
        assertThat(login.get("level").asText()).isEqualTo("medium");
        assertThat(login.get("tags").toString()).contains("attack.t1078.004");
        assertThat(login.at("/events/0/operation/name").asText()).isEqualTo("ConsoleLogin");
        assertThat(login.get("id").asText()).hasSize(32);
        assertThat(run.err()).containsPattern("\\d+ rules and \\d+ correlations loaded").contains("alerts");
    }

    @Test
    void alertIdsAreTheSameOnARescan() {
        String first = CliRun.of("scan", "--format", "json", STRATUS.toString()).out();
        String second = CliRun.of("scan", "--format", "json", STRATUS.toString()).out();
        assertThat(first.lines().map(l -> CliRunJson.parse(l).get("id").asText()).toList())
                .isEqualTo(second.lines().map(l -> CliRunJson.parse(l).get("id").asText()).toList());
    }

    @Test
    void failOnDecidesTheExitCode() {
        assertThat(CliRun.of("scan", "--format", "json", "--fail-on", "medium", STRATUS.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRun.of("scan", "--format", "json", "--fail-on", "critical", STRATUS.toString()).exitCode()).isZero();
        CliRun bad = CliRun.of("scan", "--fail-on", "severe", STRATUS.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown --fail-on level 'severe'");
    }

    @Test
    void ocsfDetectionFindingsNameTheRuleAndTechnique() {
        CliRun run = CliRun.of("scan", "--format", "ocsf", STRATUS.toString());
        JsonNode finding = run.out().lines().map(CliRunJson::parse)
                .filter(f -> f.at("/finding_info/title").asText().contains("Without MFA")).findFirst().orElseThrow();
        assertThat(finding.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(finding.at("/finding_info/attacks/0/technique/uid").asText()).startsWith("T1078");
        assertThat(finding.at("/evidences/0/data/raw/eventName").asText()).isEqualTo("ConsoleLogin");
    }

    @Test
    void validateReportsEveryProblemWithItsLocation(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("typo.yml"), """
                title: typo
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    selection:
                        eventName|contians: Delete
                    condition: selection
                """);
        Files.writeString(dir.resolve("undefined.yml"), """
                title: undefined identifier
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    selection:
                        eventName: DeleteTrail
                    condition: selection and filter
                """);
        Files.writeString(dir.resolve("unfed.yml"), """
                title: windows only
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        Image|endswith: '\\\\cmd.exe'
                    condition: selection
                """);
        CliRun run = CliRun.of("rules", "validate", "--no-builtin", "--rules", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .contains("error: unknown modifier 'contians' (did you mean 'contains'?) at detection.selection.eventName|contians, "
                        + dir.resolve("typo.yml") + ":7:9 [UNKNOWN_MODIFIER]")
                .contains("search identifier 'filter' is not defined in the detection at detection.condition, "
                        + dir.resolve("undefined.yml") + ":8:16")
                .contains("not fed: " + dir.resolve("unfed.yml") + ":1:1: no parser produces logsource product=windows category=process_creation")
                .contains("3 files: 1 rules and 0 correlations loaded, 2 errors");
    }

    @Test
    void rulesTestRunsTheCasesBesideARule(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("stop_logging.yml"), """
                title: CloudTrail logging stopped
                id: 11111111-2222-3333-4444-555555555555
                level: high
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    selection:
                        eventSource: cloudtrail.amazonaws.com
                        eventName:
                            - StopLogging
                            - DeleteTrail
                    condition: selection
                """);
        Files.writeString(dir.resolve("stop_logging.tests.yml"), """
                tests:
                  - name: StopLogging fires
                    match: true
                    event: {eventSource: cloudtrail.amazonaws.com, eventName: StopLogging}
                  - name: DescribeTrails does not
                    match: false
                    event: {eventSource: cloudtrail.amazonaws.com, eventName: DescribeTrails}
                  - name: a wrong expectation is reported
                    match: true
                    event: {eventSource: s3.amazonaws.com, eventName: StopLogging}
                """);
        CliRun run = CliRun.of("rules", "test", "--no-builtin", "--rules", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("PASS " + dir.resolve("stop_logging.tests.yml") + ":2:5: StopLogging fires")
                .contains("FAIL " + dir.resolve("stop_logging.tests.yml") + ":8:5: a wrong expectation is reported - expected a match, the rule did not fire")
                .contains("3 cases in 1 files: 2 passed, 1 failed");
    }

    @Test
    void scanRunsCorrelationRulesOverTheMatchesOfTheirRules(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("failed_login.yml"), """
                title: Console login failed
                id: 21111111-2222-3333-4444-555555555555
                name: console_login_failed
                level: low
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    selection:
                        eventName: ConsoleLogin
                        responseElements.ConsoleLogin: Failure
                    condition: selection
                ---
                title: Console brute force
                id: 31111111-2222-3333-4444-555555555555
                level: high
                correlation:
                    type: event_count
                    rules:
                        - console_login_failed
                    group-by:
                        - sourceIPAddress
                    timespan: 10m
                    condition:
                        gte: 3
                """);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            log.append("{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-01T00:0").append(i)
                    .append(":00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",")
                    .append("\"sourceIPAddress\":\"203.0.113.9\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"}}\n");
        }
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("trail.jsonl"), log);
        CliRun run = CliRun.of("scan", "--no-builtin", "--rules", dir.resolve("failed_login.yml").toString(),
                "--format", "json", "--fail-on", "high", logs.toString());
        List<JsonNode> alerts = run.out().lines().map(CliRunJson::parse).toList();
        // generate defaults to false: the failed logins feed the correlation but do not alert on their own.
        assertThat(alerts).extracting(a -> a.get("rule").asText()).containsExactly("Console brute force");
        assertThat(alerts.get(0).get("events")).hasSize(3);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("1 rules and 1 correlations loaded");
    }

    @Test
    void rulesListShowsLogsourceFeedsAndTags() {
        CliRun run = CliRun.of("rules", "list", "--format", "table");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("product=aws service=cloudtrail").contains("cloudtrail").contains("attack.t1078.004");
        assertThat(run.err()).containsPattern("\\d+ rules\\n");
    }

    /** Parses one NDJSON line. */
    static final class CliRunJson {
        static JsonNode parse(String line) {
            try {
                return Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
