package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.cli.ScanAndRulesCommandTest.CliRunJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCoverageCommandTest {
    private static final List<String> CATALOG = List.of("T1", "T2", "T3", "T4", "T5", "A1", "A2", "A3", "A4", "A5", "A6",
            "M1", "M2", "M3", "M4", "M5", "M6");

    private static List<JsonNode> lines(CliRun run) {
        assertThat(run.exitCode()).isZero();
        return run.out().lines().map(CliRunJson::parse).toList();
    }

    private static JsonNode entry(List<JsonNode> lines, String kind, String id) {
        return lines.stream().filter(l -> l.get("kind").asText().equals(kind) && l.get("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + id));
    }

    private static JsonNode rule(JsonNode entry, String id) {
        for (JsonNode r : entry.get("rules")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id + " in " + entry);
    }

    @Test
    void theBuiltInPackCoversTechniquesAndEveryCatalogRowWithTheRulesBehindThem() {
        List<JsonNode> lines = lines(CliRun.of("rules", "coverage", "--format", "json"));

        // SigmaHQ's "AWS Successful Console Login Without MFA" is tagged attack.t1078.004 and fed by CloudTrail
        JsonNode validAccounts = entry(lines, "technique", "T1078.004");
        assertThat(validAccounts.get("fed").asBoolean()).isTrue();
        JsonNode noMfa = rule(validAccounts, "77caf516-34e5-4df9-b4db-20744fea0a60");
        assertThat(noMfa.get("title").asText()).isEqualTo("AWS Successful Console Login Without MFA");
        assertThat(noMfa.get("level").asText()).isEqualTo("medium");
        assertThat(noMfa.get("correlation").asBoolean()).isFalse();
        assertThat(noMfa.get("fed_by")).extracting(JsonNode::asText).containsExactly("cloudtrail");

        assertThat(lines).filteredOn(l -> l.get("kind").asText().equals("catalog"))
                .extracting(l -> l.get("id").asText()).containsExactlyElementsOf(CATALOG);
        JsonNode bruteForce = entry(lines, "catalog", "T2");
        assertThat(bruteForce.get("threat").asText()).isEqualTo("Brute force of cloud and host credentials");
        // a correlation is fed by what feeds the rules it counts: the console failures come from CloudTrail
        JsonNode perUser = rule(bruteForce, "3cdd5015-67f5-49bf-9f02-196f06ffced2");
        assertThat(perUser.get("title").asText()).isEqualTo("AWS console brute force against one user");
        assertThat(perUser.get("correlation").asBoolean()).isTrue();
        assertThat(perUser.get("fed_by")).extracting(JsonNode::asText).containsExactly("cloudtrail");
        assertThat(bruteForce.get("fed_by")).extracting(JsonNode::asText).contains("cloudtrail", "sshd", "azuresignin");
        assertThat(lines).filteredOn(l -> l.get("kind").asText().equals("catalog"))
                .allSatisfy(row -> assertThat(row.get("rules")).isNotEmpty());
    }

    @Test
    void techniquesArePerLogSourceAndExportAsANavigatorLayer(@TempDir Path dir) throws IOException {
        Path layer = dir.resolve("layer.json");
        CliRun run = CliRun.of("rules", "coverage", "--format", "json", "--navigator", layer.toString());
        List<JsonNode> lines = lines(run);
        JsonNode cloudtrail = entry(lines, "source", "cloudtrail");
        assertThat(cloudtrail.get("techniques")).extracting(JsonNode::asText).contains("T1078.004", "T1562.008");
        JsonNode sshd = entry(lines, "source", "sshd");
        assertThat(sshd.get("techniques")).extracting(JsonNode::asText).contains("T1110")
                .doesNotContain("T1078.004"); // a technique only CloudTrail's rules name is not sshd's
        assertThat(run.err()).contains("ATT&CK Navigator layer written to " + layer);

        JsonNode nav = CliRunJson.parse(Files.readString(layer, StandardCharsets.UTF_8));
        assertThat(nav.at("/versions/layer").asText()).isEqualTo("4.5");
        assertThat(nav.get("domain").asText()).isEqualTo("enterprise-attack");
        List<JsonNode> techniques = new java.util.ArrayList<>();
        nav.get("techniques").forEach(techniques::add);
        assertThat(techniques).extracting(t -> t.get("techniqueID").asText())
                .containsExactlyElementsOf(lines.stream().filter(l -> l.get("kind").asText().equals("technique"))
                        .map(l -> l.get("id").asText()).toList());
        JsonNode validAccounts = techniques.stream()
                .filter(t -> t.get("techniqueID").asText().equals("T1078.004")).findFirst().orElseThrow();
        int fedRules = 0;
        for (JsonNode r : entry(lines, "technique", "T1078.004").get("rules")) {
            fedRules += r.get("fed_by").isEmpty() ? 0 : 1;
        }
        assertThat(validAccounts.get("score").asInt()).as("rules fed by a parser").isEqualTo(fedRules).isPositive();
        assertThat(validAccounts.get("comment").asText()).contains("fed by", "AWS Successful Console Login Without MFA");
        assertThat(nav.at("/gradient/maxValue").asInt())
                .isEqualTo(techniques.stream().mapToInt(t -> t.get("score").asInt()).max().orElseThrow());
    }

    private static final String MINER_RULE = """
            title: "Miner image pulled \\e]0;pwned\\a\\u202e"
            id: 0d3c6d9e-1111-4000-8000-000000000001
            level: high
            tags:
              - attack.t1496
              - cloudwarden.m3
            logsource:
              product: windows
              category: process_creation
            detection:
              selection:
                Image|endswith: '\\\\xmrig.exe'
              condition: selection
            """;

    @Test
    void rowsWithoutRulesAreListedAndUnfedRulesSaySo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("miner.yml"), MINER_RULE, StandardCharsets.UTF_8);
        CliRun json = CliRun.of("rules", "coverage", "--no-builtin", "--rules", dir.toString(), "--format", "json");
        List<JsonNode> lines = lines(json);

        assertThat(lines).filteredOn(l -> l.get("kind").asText().equals("technique"))
                .extracting(l -> l.get("id").asText()).containsExactly("T1496");
        JsonNode mining = entry(lines, "technique", "T1496");
        assertThat(mining.get("fed").asBoolean()).isFalse();
        assertThat(mining.get("fed_by")).isEmpty();
        JsonNode aesddos = entry(lines, "catalog", "M3");
        assertThat(aesddos.get("threat").asText()).isEqualTo("AESDDoS");
        assertThat(aesddos.get("rules")).singleElement().satisfies(r -> {
            assertThat(r.get("id").asText()).isEqualTo("0d3c6d9e-1111-4000-8000-000000000001");
            // JSON keeps the title exactly, with its escape sequence and bidi override written as \\u escapes
            assertThat(r.get("title").asText()).isEqualTo("Miner image pulled \u001b]0;pwned\u0007\u202e");
            assertThat(r.get("level").asText()).isEqualTo("high");
        });
        assertThat(lines).filteredOn(l -> l.get("kind").asText().equals("catalog") && l.get("rules").isEmpty())
                .extracting(l -> l.get("id").asText()).containsExactlyElementsOf(CATALOG.stream().filter(c -> !c.equals("M3")).toList());
        assertThat(json.out()).doesNotContain("\u001b", "\u0007", "\u202e").containsIgnoringCase("\\u001b]0;pwned\\u0007\\u202e");
        assertThat(json.err()).contains("1 techniques covered (0 fed by a parser), 1 of 17 catalog rows (0 fed), from 1 rules and 0 correlations");

        Path layer = dir.resolve("layer.json");
        CliRun.of("rules", "coverage", "--no-builtin", "--rules", dir.toString(), "--format", "json", "--navigator",
                layer.toString());
        String nav = Files.readString(layer, StandardCharsets.UTF_8);
        assertThat(nav).doesNotContain("\u001b", "\u0007", "\u202e");
        assertThat(CliRunJson.parse(nav).at("/techniques/0/score").asInt()).as("no parser feeds it").isZero();

        CliRun table = CliRun.of("rules", "coverage", "--no-builtin", "--rules", dir.toString(), "--format", "table");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).doesNotContain("\u001b", "\u0007", "\u202e")
                .contains("T1496       1 rule, not fed: no parser produces their logsources")
                .contains("Miner image pulled \\x1b]0;pwned\\x07\\u202e")
                .contains("M3  AESDDoS: 1 rule, not fed")
                .contains("M2  Graboid: no rule")
                .contains("catalog rows with no rule: T1 (Exploitation of cloud applications), T2 (");
    }

    @Test
    void rulesListJsonEscapesRuleTextToo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("miner.yml"), MINER_RULE, StandardCharsets.UTF_8);
        CliRun run = CliRun.of("rules", "list", "--no-builtin", "--rules", dir.toString(), "--format", "json");
        assertThat(run.out()).doesNotContain("\u001b", "\u0007", "\u202e");
        assertThat(lines(run)).singleElement().satisfies(r -> {
            assertThat(r.get("title").asText()).isEqualTo("Miner image pulled \u001b]0;pwned\u0007\u202e");
            assertThat(r.get("fed_by")).isEmpty();
            assertThat(r.at("/logsource/product").asText()).isEqualTo("windows");
            assertThat(r.at("/logsource/category").asText()).isEqualTo("process_creation");
        });
    }
}
