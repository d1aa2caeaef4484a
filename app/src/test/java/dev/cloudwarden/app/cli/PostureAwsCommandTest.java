package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.posture.aws.AwsTestAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code posture scan --aws} as a user runs it: credentials from the SDK's default chain (here its system
 * properties, dummy keys), the region given, every call to the fake account on loopback.
 */
class PostureAwsCommandTest {
    private static final Map<String, String> PROPERTIES = Map.of("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE",
            "aws.secretAccessKey", "fake-secret");
    private static final List<String> ISOLATION = List.of("aws.disableEc2Metadata", "aws.sharedCredentialsFile",
            "aws.configFile");

    @AfterEach
    void clear() {
        PROPERTIES.keySet().forEach(System::clearProperty);
        ISOLATION.forEach(System::clearProperty);
    }

    @Test
    void scansTheAccountAndNamesItsResourcesByAddress() throws IOException {
        PROPERTIES.forEach(System::setProperty);
        try (AwsTestAccess aws = new AwsTestAccess("base")) {
            CliRun run = CliRun.of("posture", "scan", "--aws", "--region", "us-east-1", "--endpoint-url",
                    aws.endpoint().toString(), "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(CloudWardenCli.EXIT_FINDINGS);
            assertThat(run.err()).contains("0 problems");
            assertThat(PostureCommandTest.lines(run.out())).anySatisfy(f -> {
                assertThat(f.path("check_id").asText()).isEqualTo("CW_AWS_SG_SSH_WORLD");
                assertThat(f.path("resource").asText()).isEqualTo("AWS::EC2::SecurityGroup.sg-0a1b2c3d4e5f60002");
                assertThat(f.path("file").asText()).isEqualTo("aws://123456789012/us-east-1/ec2");
                assertThat(f.path("line").asInt()).isZero();
                assertThat(f.path("status").asText()).isEqualTo("fail");
            });
        }
    }

    @Test
    void aLiveScanKeptInTheStoreIsResolvedByALaterScanOfTheFixedAccount(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PROPERTIES.forEach(System::setProperty);
        String store = dir.resolve("cw.duckdb").toString();
        try (AwsTestAccess aws = new AwsTestAccess("base")) {
            CliRun run = CliRun.of("posture", "scan", "--aws", "--region", "us-east-1", "--endpoint-url",
                    aws.endpoint().toString(), "--format", "json", "--store", store);
            assertThat(run.err()).contains("as scan 1:");
        }
        try (AwsTestAccess aws = new AwsTestAccess("base", "fixed")) {
            CliRun run = CliRun.of("posture", "scan", "--aws", "--region", "us-east-1", "--endpoint-url",
                    aws.endpoint().toString(), "--format", "json", "--store", store);
            assertThat(run.err()).contains("as scan 2: 0 newly failing");
        }
        try (var s = dev.cloudwarden.app.store.PlatformStore.open(store)) {
            var resolved = s.postureFindings(dev.cloudwarden.app.store.FindingQuery.failing().withStatus("resolved")).items();
            assertThat(resolved).anySatisfy(f -> {
                assertThat(f.checkId()).isEqualTo("CW_AWS_SG_SSH_WORLD");
                assertThat(f.file()).isEqualTo("aws://123456789012/us-east-1/ec2");
                assertThat(f.entities()).extracting(Object::toString).contains("resource:AWS::EC2::SecurityGroup:sg-0a1b2c3d4e5f60002");
            });
            assertThat(s.postureScans(1).get(0).roots()).containsExactly("aws us-east-1");
        }
    }

    @Test
    void aServiceLeftWithNoResourceStillResolvesWhatWasStoredFromIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PROPERTIES.forEach(System::setProperty);
        String store = dir.resolve("cw.duckdb").toString();
        String rds = "aws://123456789012/us-east-1/rds";
        for (String[] layers : List.of(new String[] {"base", "rds-public"}, new String[] {"base", "rds-gone"})) {
            try (AwsTestAccess aws = new AwsTestAccess(layers)) {
                CliRun run = CliRun.of("posture", "scan", "--aws", "--region", "us-east-1", "--endpoint-url",
                        aws.endpoint().toString(), "--format", "json", "--store", store);
                assertThat(run.err()).contains("0 problems");
            }
            if (layers[1].equals("rds-public")) {
                try (var s = dev.cloudwarden.app.store.PlatformStore.open(store)) {
                    assertThat(s.postureFindings(dev.cloudwarden.app.store.FindingQuery.failing()).items())
                            .as("the instance fails a check to begin with").anySatisfy(f -> assertThat(f.file()).isEqualTo(rds));
                }
            }
        }
        try (var s = dev.cloudwarden.app.store.PlatformStore.open(store)) {
            var fromRds = s.postureFindings(dev.cloudwarden.app.store.FindingQuery.failing().withStatus("resolved")).items()
                    .stream().filter(f -> f.file().equals(rds)).toList();
            assertThat(fromRds).isNotEmpty();
            assertThat(s.postureFindings(dev.cloudwarden.app.store.FindingQuery.failing()).items())
                    .noneSatisfy(f -> assertThat(f.file()).isEqualTo(rds));
        }
    }

    @Test
    void aFailedCallIsPrintedAsAProblemAndSetsTheExitCode() {
        PROPERTIES.forEach(System::setProperty);
        try (AwsTestAccess aws = new AwsTestAccess("base", "fixed")) {
            aws.deny("public-assets", "policy");
            CliRun run = CliRun.of("posture", "scan", "--aws", "--region", "us-east-1", "--endpoint-url",
                    aws.endpoint().toString(), "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(CloudWardenCli.EXIT_REJECTED_INPUT);
            assertThat(run.err()).contains("error: aws://123456789012/global/s3: s3 GetBucketPolicy failed in global: "
                    + "AccessDenied: Access Denied").contains("1 problems");
        }
    }

    @Test
    void anAccountThatCannotBeReachedStopsWithTheReason() {
        PROPERTIES.forEach(System::setProperty);
        AwsTestAccess gone = new AwsTestAccess();
        String endpoint = gone.endpoint().toString();
        gone.close();
        CliRun run = CliRun.of("posture", "scan", "--aws", "--region", "us-east-1", "--endpoint-url", endpoint);
        assertThat(run.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(run.err()).contains("error: cannot identify the AWS account (STS GetCallerIdentity in us-east-1)");
    }

    @Test
    void withoutCredentialsItSaysHowToGiveThem() {
        Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null
                && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null, "AWS credentials in the environment");
        // no instance metadata lookup (it would leave loopback), no profile files of this machine
        System.setProperty("aws.disableEc2Metadata", "true");
        System.setProperty("aws.sharedCredentialsFile", "/nonexistent/cloudwarden-test-credentials");
        System.setProperty("aws.configFile", "/nonexistent/cloudwarden-test-config");
        CliRun run = CliRun.of("posture", "scan", "--aws", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(run.err()).contains("error: no AWS credentials found").contains("AWS_ACCESS_KEY_ID").contains("--profile");
    }

    @Test
    void theAwsOptionsNeedAws() {
        CliRun run = CliRun.of("posture", "scan", "--region", "us-east-1", ".");
        assertThat(run.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(run.err()).contains("go with --aws");
        assertThat(CliRun.of("posture", "scan").err()).contains("give a PATH to scan, or --aws");
    }
}
