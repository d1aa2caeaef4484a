package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What scan's detection run adds on the command line: grouping, suppressions, native ids, --raw, clear errors. */
class ScanRunCommandTest {
    private static final Path STRATUS = Path.of("src/test/resources/stratus/logs");

    @TempDir
    Path dir;

    private CliRun scan(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "scan";
        all[1] = "--format";
        all[2] = "json";
        all[3] = "--quarantine";
        all[4] = dir.resolve("q.ndjson").toString();
        all[5] = "--no-intel";
        System.arraycopy(args, 0, all, 6, args.length);
        return CliRun.of(all);
    }

    private static List<JsonNode> lines(String out) {
        return out.lines().map(ScanAndRulesCommandTest.CliRunJson::parse).toList();
    }

    @Test
    void groupedCountsAddUpToEveryMatch() {
        List<JsonNode> grouped = lines(scan(STRATUS.toString()).out());
        List<JsonNode> every = lines(scan("--no-dedup", STRATUS.toString()).out());
        assertThat(every).allSatisfy(a -> assertThat(a.get("count").asLong()).isOne());
        assertThat(grouped.stream().mapToLong(a -> a.get("count").asLong()).sum()).isEqualTo(every.size());
        assertThat(grouped.size()).isLessThanOrEqualTo(every.size());
    }

    @Test
    void everyEventCarriesItsRecordsOwnIdAndRawOnlyWhenAsked() {
        List<JsonNode> alerts = lines(scan(STRATUS.toString()).out());
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.get("schema").asText()).isEqualTo("cloudwarden.alert/1");
            for (JsonNode e : a.get("events")) {
                // Stratus records are CloudTrail: the uid is the eventID the raw record holds
                assertThat(e.get("uid").asText()).matches("[0-9a-f-]{36}");
                assertThat(e.has("raw")).isFalse();
            }
        });
        JsonNode withRaw = lines(scan("--raw", STRATUS.toString()).out()).get(0);
        assertThat(withRaw.at("/events/0/raw/eventID").asText()).isEqualTo(withRaw.at("/events/0/uid").asText());
    }

    @Test
    void suppressionsSilenceMatchesAndTheSummarySaysHowMany() throws IOException {
        JsonNode login = lines(scan(STRATUS.toString()).out()).stream()
                .filter(a -> a.get("rule").asText().contains("Without MFA")).findFirst().orElseThrow();
        Path file = Files.writeString(dir.resolve("suppressions.yml"), """
                title: Red-team console logins
                reason: stratus detonations in the sandbox account
                logsource: {product: aws, service: cloudtrail}
                filter:
                  rules: [%s]
                  selection:
                    userIdentity.userName|startswith: stratus-red-team
                  condition: selection
                """.formatted(login.get("rule_id").asText()));
        CliRun r = scan("--suppressions", file.toString(), STRATUS.toString());
        assertThat(lines(r.out())).noneSatisfy(a -> assertThat(a.get("rule_id").asText()).isEqualTo(login.get("rule_id").asText()));
        assertThat(r.err()).containsPattern("[0-9]+ matches silenced by suppressions:")
                .contains("Red-team console logins (stratus detonations in the sandbox account)");

        Files.writeString(file, "title: no reason\nlogsource: {product: aws}\nfilter:\n  rules: [x]\n  sel: {a: b}\n  condition: sel\n");
        CliRun bad = scan("--suppressions", file.toString(), STRATUS.toString());
        assertThat(bad.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(bad.err()).contains("suppressions.yml:1").contains("needs a reason");
    }

    @Test
    void anOutputThatCannotBeWrittenIsAOneLineError() {
        CliRun r = scan("--incidents", dir.resolve("no/such/folder/incidents.ndjson").toString(), STRATUS.toString());
        assertThat(r.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(r.err()).contains("error: no such file or folder: ").doesNotContain("\tat ");
    }

    @Test
    void twoThreadsPrintWhatOnePrints() {
        assertThat(scan("--threads", "2", STRATUS.toString()).out()).isEqualTo(scan("--threads", "1", STRATUS.toString()).out());
        assertThat(scan("--threads", "0", STRATUS.toString()).exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
    }

    /** Trails stopped by 3,000 users: SigmaHQ's "AWS CloudTrail Important Change" fires on each. */
    private Path stoppedTrails() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            lines.append("{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-01T00:00:").append(String.format("%02d", i % 60))
                    .append("Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",")
                    .append("\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\",\"eventID\":\"e").append(i)
                    .append("\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/u").append(i).append("\"}}\n");
        }
        return Files.writeString(dir.resolve("trail.jsonl"), lines);
    }

    @Test
    void aClosedStdoutEndsTheScanQuietlyAndAFullDiskWithOneLine() throws IOException {
        String[] args = {"scan", "--format", "json", "--no-intel", "--quarantine",
                dir.resolve("q.ndjson").toString(), stoppedTrails().toString()};
        assertThat(CliRun.of(args).out().lines().count()).as("enough output to fill the pipe").isGreaterThan(1000);
        FailingStdout pipe = new FailingStdout("Broken pipe");
        CliRun closed = CliRun.writingTo(pipe, args);
        assertThat(closed.exitCode()).as(closed.err()).isEqualTo(CloudWardenCli.EXIT_OK);
        assertThat(closed.err()).doesNotContain("\tat ").doesNotContain("error");
        assertThat(pipe.accepted).isPositive();

        CliRun full = CliRun.writingTo(new FailingStdout("No space left on device"), args);
        assertThat(full.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(full.err()).contains("error: cannot write alerts: No space left on device").doesNotContain("\tat ");
        assertThat(dir.resolve("q.ndjson")).doesNotExist();
    }
}
