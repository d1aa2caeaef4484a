package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eval --respond}: the time to contain each scenario of the demo's day, with the built-in playbooks. */
class EvalContainmentTest {
    @Test
    void mostScenariosAreContainedAndEachSaysByWhichStep(@TempDir Path dir) throws Exception {
        CliRun demo = CliRun.of("demo", "--events", "2000", "--out", dir.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        CliRun eval = CliRun.of("eval", "--truth", dir.resolve("truth.jsonl").toString(), "--alerts",
                dir.resolve("results/alerts.ndjson").toString(), "--incidents", dir.resolve("results/incidents.ndjson").toString(),
                "--respond", "--format", "json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        List<JsonNode> rows = PostureCommandTest.lines(eval.out()).stream().filter(n -> n.has("containment_of")).toList();
        assertThat(rows).hasSize(17);
        Map<String, JsonNode> by = rows.stream().collect(Collectors.toMap(n -> n.get("containment_of").asText(), Function.identity()));
        assertThat(by.values().stream().filter(n -> n.has("total_s")).count()).isGreaterThanOrEqualTo(14);
        // a stolen key opened the bucket: disabling it is the first containment
        assertThat(by.get("t3-misconfiguration").get("step").asText()).startsWith("stolen-credentials/disable-key@access-key:");
        // the miner's instance is snapshotted first (R1), then quarantined
        assertThat(by.get("a3-cryptomining").get("step").asText()).startsWith("compromised-instance/quarantine@instance:");
        assertThat(by.values()).filteredOn(n -> n.has("total_s"))
                .allSatisfy(n -> assertThat(n.get("total_s").asDouble()).isGreaterThanOrEqualTo(n.get("to_contain_s").asDouble()));
        CliRun refused = CliRun.of("eval", "--truth", dir.resolve("truth.jsonl").toString(), "--alerts",
                dir.resolve("results/alerts.ndjson").toString(), "--respond");
        assertThat(refused.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(refused.err()).contains("--respond needs --incidents");
    }
}
