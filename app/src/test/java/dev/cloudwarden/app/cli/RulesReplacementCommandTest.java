package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.cli.ScanAndRulesCommandTest.CliRunJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --rules} with rules whose ids the built-in pack already has: a newer SigmaHQ checkout. */
class RulesReplacementCommandTest {
    /** Three real SigmaHQ aws rules, laid out as in a checkout (see the README there). */
    private static final Path SIGMAHQ_AWS = Path.of("src/test/resources/sigmahq/rules/cloud/aws");
    private static final Path STRATUS = Path.of("src/test/resources/stratus/logs");
    private static final String FAILED_LOGIN = "6393e346-1977-46ef-8987-ad414a145fad";
    private static final String NO_MFA = "77caf516-34e5-4df9-b4db-20744fea0a60";
    private static final String DISABLE_LOGGING = "4db60cc0-36fb-42b7-9b58-a5b53019fb74";

    private static Map<String, JsonNode> rulesById(CliRun run) {
        assertThat(run.exitCode()).isZero();
        return run.out().lines().map(CliRunJson::parse).collect(Collectors.toMap(r -> r.get("id").asText(), Function.identity()));
    }

    @Test
    void scanTakesTheUsersRulesInsteadOfTheBuiltInOnesWithANoticeEach() {
        CliRun run = CliRun.of("scan", "--format", "json", "--fail-on", "critical", "--rules", SIGMAHQ_AWS.toString(),
                STRATUS.toString());
        assertThat(run.exitCode()).isZero();
        String dir = SIGMAHQ_AWS.resolve("cloudtrail").toString();
        assertThat(run.err().lines().filter(l -> l.startsWith("notice: "))).containsExactly(
                "notice: " + dir + "/aws_cloudtrail_console_login_failed_authentication.yml replaces built-in rule "
                        + FAILED_LOGIN + " (AWS ConsoleLogin Failed Authentication)",
                "notice: " + dir + "/aws_cloudtrail_console_login_success_without_mfa.yml replaces built-in rule "
                        + NO_MFA + " (AWS Successful Console Login Without MFA)",
                "notice: " + dir + "/aws_cloudtrail_disable_logging.yml replaces built-in rule "
                        + DISABLE_LOGGING + " (AWS CloudTrail Important Change)");
        assertThat(run.err()).containsPattern("\\d+ rules and \\d+ correlations loaded from \\d+ files, 3 built-in rules replaced\\n")
                .doesNotContain("rule error");
        // the user's rule fires in the built-in one's place, once per login as before
        List<JsonNode> alerts = run.out().lines().map(CliRunJson::parse).toList();
        CliRun builtInOnly = CliRun.of("scan", "--format", "json", "--fail-on", "critical", STRATUS.toString());
        long builtInNoMfa = builtInOnly.out().lines().filter(l -> l.contains(NO_MFA)).count();
        assertThat(builtInNoMfa).isPositive();
        assertThat(alerts).filteredOn(a -> a.get("rule_id").asText().equals(NO_MFA)).hasSize((int) builtInNoMfa);
    }

    @Test
    void rulesListShowsTheUsersVersionWithoutTheBuiltInTuning() {
        Map<String, JsonNode> builtIn = rulesById(CliRun.of("rules", "list", "--format", "json"));
        CliRun run = CliRun.of("rules", "list", "--format", "json", "--rules", SIGMAHQ_AWS.toString());
        Map<String, JsonNode> replaced = rulesById(run);

        assertThat(replaced.keySet()).isEqualTo(builtIn.keySet());
        JsonNode tuned = builtIn.get(FAILED_LOGIN);
        assertThat(tuned.get("level").asText()).isEqualTo("low");
        assertThat(tuned.get("source").asText()).startsWith("builtin:sigmahq/cloud/aws/cloudtrail/");
        JsonNode mine = replaced.get(FAILED_LOGIN);
        assertThat(mine.get("level").asText()).isEqualTo("medium");
        assertThat(mine.get("source").asText())
                .isEqualTo(SIGMAHQ_AWS.resolve("cloudtrail/aws_cloudtrail_console_login_failed_authentication.yml") + ":1:1");
        assertThat(mine.get("title").asText()).isEqualTo("AWS ConsoleLogin Failed Authentication");
        assertThat(mine.at("/logsource/product").asText()).isEqualTo("aws");
        assertThat(mine.at("/logsource/service").asText()).isEqualTo("cloudtrail");
        assertThat(mine.at("/logsource/category").isNull()).isTrue();
        assertThat(mine.get("fed_by")).extracting(JsonNode::asText).containsExactly("cloudtrail");
        assertThat(mine.get("tags")).extracting(JsonNode::asText).contains("attack.t1110");
        assertThat(mine.get("author").asText()).isEqualTo("Ivan Saakov, Nasreddine Bencherchali");
        assertThat(run.err()).contains(replaced.size() + " rules, 3 built-in rules replaced");
    }

    @Test
    void twoUserFilesWithOneIdAreStillAnError(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("copy.yml");
        Files.copy(SIGMAHQ_AWS.resolve("cloudtrail/aws_cloudtrail_disable_logging.yml"), copy);
        CliRun run = CliRun.of("rules", "validate", "--rules", SIGMAHQ_AWS.toString(), "--rules", copy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("error: id '" + DISABLE_LOGGING + "' is also used by "
                + SIGMAHQ_AWS.resolve("cloudtrail/aws_cloudtrail_disable_logging.yml") + ":1:1 at id, " + copy + ":1:1 [DUPLICATE_ID]")
                .contains("3 built-in rules replaced, 1 errors {DUPLICATE_ID=1}");
    }

    /** The whole aws folder of the SigmaHQ checkout in ../shared/datasets: the case of issue 8 (57 duplicate-id errors before). */
    private static Path sharedSigmaAws() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/datasets/sigma/rules/cloud/aws");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("shared/datasets/sigma/rules/cloud/aws not found above " + Path.of("").toAbsolutePath()
                + ": the test over a whole SigmaHQ aws folder is skipped");
        return null;
    }

    @Test
    void aWholeSigmaHqAwsFolderReplacesEveryBuiltInAwsRule() throws IOException {
        Path aws = sharedSigmaAws();
        long files;
        try (var walk = Files.walk(aws)) {
            files = walk.filter(f -> f.toString().endsWith(".yml")).count();
        }
        CliRun run = CliRun.of("rules", "validate", "--rules", aws.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines().filter(l -> l.startsWith("notice: ") && l.contains(" replaces built-in rule "))).hasSize((int) files);
        assertThat(run.out()).contains(files + " built-in rules replaced, 0 errors").doesNotContain("DUPLICATE_ID");
        assertThat(files).isEqualTo(57);

        CliRun scan = CliRun.of("scan", "--format", "json", "--fail-on", "critical", "--rules", aws.toString(), STRATUS.toString());
        assertThat(scan.exitCode()).isZero();
        assertThat(scan.out().lines().map(CliRunJson::parse).map(a -> a.get("rule").asText()))
                .contains("AWS Successful Console Login Without MFA", "AWS Snapshot Backup Exfiltration");
    }
}
