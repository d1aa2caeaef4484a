package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostureCommandTest {
    static Path fixture(String name) throws URISyntaxException {
        return Path.of(PostureCommandTest.class.getResource("/posture/" + name).toURI());
    }

    /** Each line of {@code --format json} output. */
    static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                nodes.add(Json.MAPPER.readTree(l));
            }
        }
        return nodes;
    }

    @Test
    void findsTheFlawsAndNotTheFixes() throws Exception {
        CliRun run = CliRun.of("posture", "scan", fixture("iac").toString(), "--format", "json", "--unknown");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(CloudWardenCli.EXIT_FINDINGS);
        List<JsonNode> findings = lines(run.out());
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("check_id").asText()).isEqualTo("CW_TF_AWS_SG_SSH_WORLD");
            assertThat(f.path("resource").asText()).isEqualTo("aws_security_group.bastion");
            assertThat(f.path("status").asText()).isEqualTo("fail");
            assertThat(f.path("line").asInt()).isEqualTo(8);
            assertThat(f.path("layer").asText()).isEqualTo("iaas");
            assertThat(f.path("owner").asText()).isEqualTo("customer");
            assertThat(f.path("equivalents").path("checkov").get(0).asText()).isEqualTo("CKV_AWS_24");
        });
        // a variable without a default decides nothing: unknown, not a pass or a fail
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("resource").asText()).isEqualTo("aws_security_group.office");
            assertThat(f.path("check_id").asText()).isEqualTo("CW_TF_AWS_SG_SSH_WORLD");
            assertThat(f.path("status").asText()).isEqualTo("unknown");
        });
        assertThat(findings).noneSatisfy(f -> assertThat(f.path("resource").asText() + " " + f.path("check_id").asText())
                .isEqualTo("aws_instance.hardened CW_TF_AWS_EC2_IMDSV2"));
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("check_id").asText()).isEqualTo("CW_TF_AWS_EC2_IMDSV2");
            assertThat(f.path("resource").asText()).isEqualTo("aws_instance.web");
            assertThat(f.path("status").asText()).isEqualTo("fail");
        });
    }

    @Test
    void suppressionsAndInlineSkipsAreListedAsSuppressedAndExpiredOnesWarn() throws Exception {
        CliRun run = CliRun.of("posture", "scan", fixture("iac").toString(), "--format", "json",
                "--suppressions", fixture("suppressions.yaml").toString());
        List<JsonNode> findings = lines(run.out());
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("resource").asText()).isEqualTo("aws_instance.web");
            assertThat(f.path("suppressed").path("reason").asText()).contains("OPS-42");
            assertThat(f.path("suppressed").path("source").asText()).isEqualTo("file");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("resource").asText()).isEqualTo("aws_security_group.docker");
            assertThat(f.path("check_id").asText()).isEqualTo("CW_TF_AWS_SG_DOCKER_API_WORLD");
            assertThat(f.path("suppressed").path("source").asText()).isEqualTo("inline");
        });
        assertThat(run.err()).contains("suppression expired on 2020-01-01");
        // the expired entry suppresses nothing: the bastion still fails
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("resource").asText()).isEqualTo("aws_security_group.bastion");
            assertThat(f.has("suppressed")).isFalse();
        });
        CliRun strict = CliRun.of("posture", "scan", fixture("iac").toString(), "--format", "json", "--no-inline-skips");
        assertThat(lines(strict.out())).anySatisfy(f -> {
            assertThat(f.path("resource").asText()).isEqualTo("aws_security_group.docker");
            assertThat(f.path("check_id").asText()).isEqualTo("CW_TF_AWS_SG_DOCKER_API_WORLD");
            assertThat(f.has("suppressed")).isFalse();
        });
    }

    @Test
    void aBaselineLeavesOnlyNewFailures(@TempDir Path dir) throws Exception {
        CliRun first = CliRun.of("posture", "scan", fixture("iac").toString(), "--format", "json");
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, first.out());
        CliRun again = CliRun.of("posture", "scan", fixture("iac").toString(), "--format", "json", "--baseline", baseline.toString());
        assertThat(lines(again.out())).allSatisfy(f -> assertThat(f.path("status").asText()).isNotEqualTo("fail"));
        assertThat(again.exitCode()).isEqualTo(CloudWardenCli.EXIT_OK);
        // Checkov's own baseline format carries over by resource id and any equivalent check id
        Path checkov = dir.resolve(".checkov.baseline");
        Files.writeString(checkov, "{\"failed_checks\": [{\"file\": \"/main.tf\", \"findings\": [{\"resource\": "
                + "\"aws_security_group.bastion\", \"check_ids\": [\"CKV_AWS_24\"]}]}]}");
        CliRun fromCheckov = CliRun.of("posture", "scan", fixture("iac").toString(), "--format", "json", "--baseline", checkov.toString());
        List<JsonNode> left = lines(fromCheckov.out());
        assertThat(left).noneSatisfy(f -> assertThat(f.path("resource").asText() + f.path("check_id").asText())
                .isEqualTo("aws_security_group.bastionCW_TF_AWS_SG_SSH_WORLD"));
        assertThat(left).anySatisfy(f -> assertThat(f.path("resource").asText()).isEqualTo("aws_instance.web"));
    }

    @Test
    void storeKeepsTheFailuresAndALaterScanResolvesWhatItNoLongerFinds(@TempDir Path dir) throws Exception {
        Path iac = Files.createDirectories(dir.resolve("iac"));
        Files.writeString(iac.resolve("main.tf"), """
                resource "aws_s3_bucket" "exports" {
                  bucket = "cli-exports"
                  acl    = "public-read"
                }
                """);
        String store = dir.resolve("store/cw.duckdb").toString();
        CliRun first = CliRun.of("posture", "scan", iac.toString(), "--format", "json", "--store", store);
        assertThat(first.exitCode()).as(first.err()).isEqualTo(CloudWardenCli.EXIT_FINDINGS);
        long failing = lines(first.out()).size();
        assertThat(first.err()).contains("as scan 1: " + failing + " newly failing, 0 resolved");
        Files.writeString(iac.resolve("main.tf"), """
                resource "aws_s3_bucket" "exports" {
                  bucket = "cli-exports"
                  acl    = "private"
                }
                """);
        CliRun second = CliRun.of("posture", "scan", iac.toString(), "--format", "json", "--store", store);
        assertThat(second.err()).contains("as scan 2: 0 newly failing, " + (failing - lines(second.out()).size()) + " resolved");
        try (var s = dev.cloudwarden.app.store.PlatformStore.open(store)) {
            var open = s.postureFindings(dev.cloudwarden.app.store.FindingQuery.failing()).items();
            assertThat(open).hasSize(lines(second.out()).size())
                    .allSatisfy(f -> assertThat(f.entities()).extracting(Object::toString).containsExactly("bucket:cli-exports"));
            assertThat(s.postureScans(5)).hasSize(2);
        }
        CliRun refused = CliRun.of("posture", "scan", iac.toString(), "--format", "json", "--store", "postgresql://nobody@/");
        assertThat(refused.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(refused.err()).contains("cloudwarden posture scan:");
    }

    @Test
    void sarifIsGoldenAndStable() throws Exception {
        // a relative path, as in a CI checkout (Maven runs tests in the module's folder); the checks fixed so new
        // built-in checks do not change the golden file
        CliRun run = CliRun.of("posture", "scan", "src/test/resources/posture/iac", "--format", "sarif",
                "--check", "CW_TF_AWS_SG_SSH_WORLD,CKV_AWS_79,CW_TF_AWS_SG_DOCKER_API_WORLD");
        String sarif = run.out();
        Path golden = Path.of("src/test/resources/posture/golden.sarif"); // run from the module's folder, as Maven does
        if (Boolean.getBoolean("cloudwarden.golden.update")) {
            Files.writeString(golden, sarif);
        }
        assertThat(sarif).isEqualTo(Files.readString(golden));
        JsonNode doc = Json.MAPPER.readTree(sarif);
        assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
        JsonNode result = doc.path("runs").get(0).path("results").get(0);
        assertThat(result.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt()).isPositive();
    }

    @Test
    void badInputIsNamedAndTheRestIsScanned(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.tf"), "resource \"aws_s3_bucket\" \"b\" {\n  acl = \n}\n");
        Files.writeString(dir.resolve("ok.tf"), "resource \"aws_instance\" \"x\" {\n  ami = \"a\"\n}\n");
        CliRun run = CliRun.of("posture", "scan", dir.toString(), "--format", "json", "--fail-on", "critical");
        assertThat(run.err()).contains("broken.tf:2");
        assertThat(lines(run.out())).anySatisfy(f -> assertThat(f.path("resource").asText()).isEqualTo("aws_instance.x"));
        assertThat(run.exitCode()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
    }

    @Test
    void checksAreListedWithTheirEquivalents() throws Exception {
        CliRun run = CliRun.of("posture", "checks", "--format", "json");
        List<JsonNode> checks = lines(run.out());
        assertThat(checks).hasSizeGreaterThan(40);
        assertThat(checks).anySatisfy(c -> {
            assertThat(c.path("id").asText()).isEqualTo("CW_TF_AWS_SG_SSH_WORLD");
            assertThat(c.path("equivalents").path("checkov").get(0).asText()).isEqualTo("CKV_AWS_24");
            assertThat(c.path("layer").asText()).isEqualTo("iaas");
        });
    }

    @Test
    void theMapShowsEachServiceModelAndItsDeadSpots() throws Exception {
        CliRun run = CliRun.of("posture", "map", "--telemetry", "cloudtrail", "--format", "table", "--fail-on-dead-spots");
        assertThat(run.out()).contains("IaaS (customer side)").contains("containers/K8s (customer side)")
                .contains("SaaS (customer side)").contains("Telemetry fed: cloudtrail");
        // YARN's checks exist, but without its logs nobody would see DemonBot submit a job
        assertThat(run.out()).containsPattern("paas.big-data +posture only").contains("feed yarn to watch it");
        assertThat(run.exitCode()).as("every control has a check or a fed detection").isEqualTo(CloudWardenCli.EXIT_OK);
        CliRun json = CliRun.of("posture", "map", "--telemetry", "cloudtrail,vpcflow,yarn,k8saudit,docker", "--format", "json");
        assertThat(lines(json.out())).anySatisfy(r -> {
            assertThat(r.path("control").asText()).isEqualTo("paas.object-storage");
            assertThat(r.path("coverage").asText()).isEqualTo("covered");
        });
        assertThat(CliRun.of("posture", "map", "--telemetry", "nosuch").exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
    }

    @Test
    void theMapCountsAsFedTheSourcesInTheEventArchive(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("day=2026-12-01/source=cloudtrail"));
        Files.createDirectories(dir.resolve("day=2026-12-02/source=yarn"));
        CliRun run = CliRun.of("posture", "map", "--events", dir.toString(), "--format", "table");
        assertThat(run.out()).contains("Telemetry fed: cloudtrail, yarn").doesNotContain("feed yarn to watch it");
    }

    /** OCSF Compliance Findings (OcsfConformanceTest checks them against the schema where its source is present). */
    @Test
    void ocsfFindingsAreComplianceFindings() throws Exception {
        CliRun run = CliRun.of("posture", "scan", fixture("iac").toString(), "--format", "ocsf", "--passed",
                "--check", "CW_TF_AWS_EC2_IMDSV2");
        List<JsonNode> lines = lines(run.out());
        assertThat(lines).hasSize(2).allSatisfy(n -> {
            assertThat(n.path("class_uid").asInt()).isEqualTo(2003);
            assertThat(n.path("type_uid").asInt()).isEqualTo(200301);
            assertThat(n.path("compliance").path("control").asText()).isEqualTo("CW_TF_AWS_EC2_IMDSV2");
            assertThat(n.path("severity_id").asInt()).isEqualTo(4);
        });
        assertThat(lines).extracting(n -> n.path("resources").get(0).path("uid").asText() + " "
                + n.path("compliance").path("status").asText())
                .containsExactlyInAnyOrder("aws_instance.web Fail", "aws_instance.hardened Pass");
    }
}
