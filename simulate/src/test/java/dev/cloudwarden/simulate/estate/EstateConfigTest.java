package dev.cloudwarden.simulate.estate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import dev.cloudwarden.simulate.Simulation;
import dev.cloudwarden.simulate.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The estate's configuration a simulation writes: a snapshot the engine reads whole, judged as the day left it. */
class EstateConfigTest {
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration DAY = Duration.ofHours(6);
    private static final List<String> ITEM_FIELDS = List.of("configurationItemVersion", "configurationItemCaptureTime",
            "configurationItemStatus", "configurationStateId", "awsAccountId", "resourceType", "resourceId",
            "resourceName", "ARN", "awsRegion", "availabilityZone", "tags", "relationships", "configuration",
            "supplementaryConfiguration");

    private static PostureScan simulateAndScan(Path dir, List<Scenario> scenarios) throws IOException {
        new Simulation(5, START, DAY).write(dir, scenarios, 500);
        return new PostureScanner(PostureSources.all(), BuiltInChecks.all())
                .scan(List.of(dir.resolve(EstateConfig.CONFIG)), Suppressions.none(true));
    }

    @Test
    void theSnapshotIsAConfigSnapshotTheEngineReadsWhole(@TempDir Path dir) throws IOException {
        PostureScan scan = simulateAndScan(dir, Simulation.allScenarios());
        JsonNode snapshot = Json.MAPPER.readTree(dir.resolve("config/aws-config-snapshot.json").toFile());
        assertThat(snapshot.get("fileVersion").asText()).isEqualTo("1.0");
        assertThat(snapshot.get("configSnapshotId").asText()).matches("[0-9a-f-]{36}");
        JsonNode items = snapshot.get("configurationItems");
        Set<String> types = new TreeSet<>();
        List<String> inOrder = new java.util.ArrayList<>();
        for (JsonNode item : items) {
            inOrder.add(item.get("resourceType").asText());
            assertThat(item.fieldNames()).toIterable().as("%s", item.get("resourceId")).containsAll(ITEM_FIELDS);
            Instant captured = Instant.parse(item.get("configurationItemCaptureTime").asText());
            assertThat(captured).as("%s", item.get("resourceId")).isBetween(START, START.plus(DAY));
            assertThat(item.get("configurationStateId").asLong()).isEqualTo(captured.toEpochMilli());
            types.add(item.get("resourceType").asText());
        }
        assertThat(types).containsExactly("AWS::CloudTrail::Trail", "AWS::EC2::FlowLog", "AWS::EC2::Instance",
                "AWS::EC2::SecurityGroup", "AWS::EC2::VPC", "AWS::IAM::Role", "AWS::IAM::User", "AWS::KMS::Key",
                "AWS::RDS::DBSnapshot", "AWS::S3::Bucket");

        assertThat(scan.problems()).isEmpty();
        assertThat(scan.files()).hasSize(3);
        // every Config item, both EBS snapshots, and the credential report's root and 13 users
        assertThat(scan.resources()).hasSize(items.size() + 2 + 14);
        assertThat(scan.resources()).filteredOn(r -> r.location().file().endsWith(EstateConfig.SNAPSHOT))
                .extracting(r -> r.type()).containsExactlyElementsOf(inOrder);
    }

    @Test
    void theScanFailsOnWhatTheScenariosLeftAndPassesTheHealthyResources(@TempDir Path dir) throws IOException {
        PostureScan scan = simulateAndScan(dir, Simulation.allScenarios());
        Set<String> failed = verdicts(scan, Verdict.FAIL);
        assertThat(failed).contains(
                // T3: the bucket made public, the group opened on SSH and the Docker API
                "CW_AWS_S3_ACL_PUBLIC_READ acme-customer-exports", "CW_AWS_S3_BLOCK_PUBLIC_ACLS acme-customer-exports",
                "CW_AWS_SG_SSH_WORLD sg-0123456789abcdef0", "CW_AWS_SG_DOCKER_API_WORLD sg-0123456789abcdef0",
                // M4, M5: SSH brute-forced from the internet; M1: YARN reached from the internet
                "CW_AWS_SG_SSH_WORLD sg-0456789abcdef0123", "CW_AWS_SG_YARN_WORLD sg-089abcdef01234567",
                // A1: versioning suspended, on the host whose role credentials were used from outside IMDSv1 allowed
                "CW_AWS_S3_VERSIONING acme-finance-records", "CW_AWS_EC2_IMDSV2 i-0a11111111111111a",
                // A2: the snapshot shared with a foreign account is unencrypted
                "CW_AWS_EBS_SNAPSHOT_ENCRYPTED snap-0123456789abcdef0",
                // A4: a public-read object needs public ACLs allowed
                "CW_AWS_S3_BLOCK_PUBLIC_ACLS acme-web-assets",
                // T2: dave's console password without MFA
                "CW_AWS_IAM_USER_CONSOLE_MFA dave",
                // the trail records every region but validates nothing
                "CW_AWS_CLOUDTRAIL_LOG_VALIDATION management");
        assertThat(failed).hasSize(16);
        Set<String> passed = verdicts(scan, Verdict.PASS);
        assertThat(passed).contains(
                "CW_AWS_S3_ACL_PUBLIC_READ acme-customer-data-111122223333",
                "CW_AWS_S3_BLOCK_PUBLIC_ACLS acme-customer-data-111122223333",
                "CW_AWS_S3_DEFAULT_ENCRYPTION acme-customer-data-111122223333",
                "CW_AWS_S3_POLICY_PUBLIC acme-web-assets", "CW_AWS_S3_POLICY_PUBLIC acme-logs-111122223333",
                "CW_AWS_SG_SSH_WORLD sg-0fedcba9876543210", "CW_AWS_SG_DATA_STORES_WORLD sg-089abcdef01234567",
                "CW_AWS_EC2_IMDSV2 i-0c33333333333333c", "CW_AWS_EC2_IMDSV2 i-0e55555555555555e",
                "CW_AWS_EBS_SNAPSHOT_ENCRYPTED snap-0fedcba9876543210",
                // shared with one named account, not with everyone
                "CW_AWS_EBS_SNAPSHOT_PUBLIC snap-0123456789abcdef0", "CW_AWS_RDS_SNAPSHOT_PUBLIC customers-2026-11-19",
                "CW_AWS_IAM_ROLE_TRUSTS_ANY_ACCOUNT partner-integration",
                "CW_AWS_CLOUDTRAIL_MULTI_REGION management", "CW_AWS_VPC_FLOW_LOGS vpc-0a1b2c3d",
                "CW_AWS_IAM_USER_CONSOLE_MFA alice", "CW_AWS_IAM_ROOT_MFA root", "CW_AWS_IAM_ROOT_ACCESS_KEYS root");
    }

    /** Without the attacks the estate is as it was: only what predates the day (and allowed the attacks) fails. */
    @Test
    void aDayWithoutAttacksLeavesTheEstateAsItWas(@TempDir Path dir) throws IOException {
        PostureScan scan = simulateAndScan(dir, List.of());
        Set<String> failed = verdicts(scan, Verdict.FAIL);
        assertThat(failed).doesNotContain("CW_AWS_S3_ACL_PUBLIC_READ acme-customer-exports",
                "CW_AWS_SG_SSH_WORLD sg-0123456789abcdef0", "CW_AWS_SG_DOCKER_API_WORLD sg-0123456789abcdef0",
                "CW_AWS_S3_VERSIONING acme-finance-records");
        assertThat(failed).contains("CW_AWS_S3_BLOCK_PUBLIC_ACLS acme-customer-exports",
                "CW_AWS_EBS_SNAPSHOT_ENCRYPTED snap-0123456789abcdef0", "CW_AWS_IAM_USER_CONSOLE_MFA dave");
    }

    /** Each finding as "check resource-name", so one assertion lists every miss at once. */
    private static Set<String> verdicts(PostureScan scan, Verdict verdict) {
        Set<String> out = new TreeSet<>();
        for (Finding f : scan.findings()) {
            if (f.verdict() == verdict) {
                out.add(f.check().id() + " " + f.resource().name());
            }
        }
        return out;
    }
}
