package dev.cloudwarden.app.posture.aws;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The live scan against a fake account on loopback, behind the real SDK clients ({@link FakeAws}). */
class AwsLiveScanTest {
    private static final String BUCKET = "AWS::S3::Bucket.public-assets";
    private static final String BASTION = "AWS::EC2::SecurityGroup.sg-0a1b2c3d4e5f60002";

    /** Each flaw of the base account: the check that must fail, on which resource; the fixed account passes them. */
    private static final Map<String, String> FLAWS = Map.ofEntries(
            Map.entry("CW_AWS_SG_SSH_WORLD", BASTION),
            Map.entry("CW_AWS_S3_ACL_PUBLIC_READ", BUCKET),
            Map.entry("CW_AWS_S3_POLICY_PUBLIC", BUCKET),
            Map.entry("CW_AWS_S3_BLOCK_PUBLIC_ACLS", BUCKET),
            Map.entry("CW_AWS_S3_BLOCK_PUBLIC_POLICY", BUCKET),
            Map.entry("CW_AWS_S3_VERSIONING", BUCKET),
            Map.entry("CW_AWS_IAM_USER_CONSOLE_MFA", "AWS::IAM::User.alice"),
            Map.entry("CW_AWS_IAM_ROOT_ACCESS_KEYS", "AWS::IAM::RootUser.root"),
            Map.entry("CW_AWS_IAM_PASSWORD_REUSE", "AWS::IAM::AccountPasswordPolicy.123456789012"),
            Map.entry("CW_AWS_CLOUDTRAIL_MULTI_REGION", "AWS::CloudTrail::Trail.management"),
            Map.entry("CW_AWS_CLOUDTRAIL_LOG_VALIDATION", "AWS::CloudTrail::Trail.management"),
            Map.entry("CW_AWS_CLOUDTRAIL_KMS", "AWS::CloudTrail::Trail.management"),
            Map.entry("CW_AWS_CLOUDTRAIL_REGION_RECORDED", "AWS::CloudTrail::Meta.us-east-1"),
            Map.entry("CW_AWS_EC2_IMDSV2", "AWS::EC2::Instance.i-0a1b2c3d4e5f60001"));

    private static Verdict verdict(PostureScan scan, String check, String resource) {
        return Scans.verdicts(scan).get(check + " " + resource);
    }

    private static List<String> ids(PostureScan scan) {
        return scan.resources().stream().map(ConfigResource::id).toList();
    }

    @Test
    void eachFlawFailsItsCheck() {
        try (FakeAws aws = new FakeAws("base")) {
            PostureScan scan = Scans.live(aws.collect());
            assertThat(scan.problems()).isEmpty();
            FLAWS.forEach((check, resource) -> assertThat(verdict(scan, check, resource)).as(check + " " + resource)
                    .isEqualTo(Verdict.FAIL));
            // what is right in the base account passes
            assertThat(verdict(scan, "CW_AWS_SG_SSH_WORLD", "AWS::EC2::SecurityGroup.sg-0a1b2c3d4e5f60001")).isEqualTo(Verdict.PASS);
            assertThat(verdict(scan, "CW_AWS_IAM_USER_CONSOLE_MFA", "AWS::IAM::User.deploy")).isEqualTo(Verdict.PASS);
            assertThat(verdict(scan, "CW_AWS_VPC_FLOW_LOGS", "AWS::EC2::VPC.vpc-0a1b2c3d4e5f60001")).isEqualTo(Verdict.PASS);
            assertThat(verdict(scan, "CW_AWS_EBS_SNAPSHOT_PUBLIC", "AWS::EC2::Snapshot.snap-0a1b2c3d4e5f60001")).isEqualTo(Verdict.PASS);
            assertThat(verdict(scan, "CW_AWS_RDS_PUBLIC", "AWS::RDS::DBInstance.orders")).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void theFixedAccountPassesThem() {
        try (FakeAws aws = new FakeAws("base", "fixed")) {
            PostureScan scan = Scans.live(aws.collect());
            assertThat(scan.problems()).isEmpty();
            FLAWS.forEach((check, resource) -> assertThat(verdict(scan, check, resource)).as(check + " " + resource)
                    .isEqualTo(Verdict.PASS));
        }
    }

    @Test
    void resourcesAreNamedByAccountRegionAndServiceWithoutALine() {
        try (FakeAws aws = new FakeAws("base")) {
            PostureScan scan = Scans.live(aws.collect());
            ConfigResource bastion = scan.resources().stream().filter(r -> r.id().equals(BASTION)).findFirst().orElseThrow();
            assertThat(bastion.location().file()).isEqualTo("aws://123456789012/us-east-1/ec2");
            assertThat(bastion.location().line()).isZero();
            ConfigResource bucket = scan.resources().stream().filter(r -> r.id().equals(BUCKET)).findFirst().orElseThrow();
            assertThat(bucket.location().file()).isEqualTo("aws://123456789012/global/s3");
        }
    }

    @Test
    void aRegionNoTrailRecordsFails() {
        try (FakeAws aws = new FakeAws("base")) {
            aws.server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", matching(".*\\.DescribeTrails"))
                    .atPriority(1).willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"trailList\": []}")));
            PostureScan scan = Scans.live(aws.collect());
            assertThat(verdict(scan, "CW_AWS_CLOUDTRAIL_REGION_RECORDED", "AWS::CloudTrail::Meta.us-east-1")).isEqualTo(Verdict.FAIL);
            assertThat(ids(scan)).noneMatch(id -> id.startsWith("AWS::CloudTrail::Trail."));
        }
    }

    @Test
    void everyPageIsRead() {
        try (FakeAws aws = new FakeAws("base")) {
            PostureScan scan = Scans.live(aws.collect());
            assertThat(ids(scan)).contains("AWS::EC2::SecurityGroup.sg-0a1b2c3d4e5f60001", BASTION,
                    "AWS::IAM::User.alice", "AWS::IAM::User.deploy", "AWS::IAM::Group.admins", "AWS::IAM::Role.ci");
            aws.server.verify(postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(containing("Action=DescribeSecurityGroups&")).withRequestBody(containing("NextToken=page2")));
            aws.server.verify(postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(containing("Action=GetAccountAuthorizationDetails&")).withRequestBody(containing("Marker=page2")));
        }
    }

    @Test
    void aDeniedCallIsAProblemItsResourcesAreNotPassedAndTheRestIsScanned() {
        try (FakeAws aws = new FakeAws("base")) {
            aws.deny("public-assets", "policy");
            aws.server.stubFor(FakeAws.query("DescribeFlowLogs").atPriority(1).willReturn(aResponse().withStatus(403)
                    .withBody("<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not "
                            + "authorized to perform this operation.</Message></Error></Errors><RequestID>1</RequestID></Response>")));
            PostureScan scan = Scans.live(aws.collect());
            assertThat(scan.problems()).map(ParseProblem::toString).containsExactlyInAnyOrder(
                    "aws://123456789012/global/s3: s3 GetBucketPolicy failed in global: AccessDenied: Access Denied "
                            + "(the resources it describes are left out or unknown)",
                    "aws://123456789012/us-east-1/ec2: ec2 DescribeFlowLogs failed in us-east-1: UnauthorizedOperation: "
                            + "You are not authorized to perform this operation. (the resources it describes are left out or unknown)");
            // the policy was not seen: unknown, never a pass; the VPCs, whose flow logs were not seen, are left out
            assertThat(verdict(scan, "CW_AWS_S3_POLICY_PUBLIC", BUCKET)).isEqualTo(Verdict.UNKNOWN);
            assertThat(ids(scan)).noneMatch(id -> id.startsWith("AWS::EC2::VPC."));
            // the rest is scanned as before
            assertThat(verdict(scan, "CW_AWS_S3_ACL_PUBLIC_READ", BUCKET)).isEqualTo(Verdict.FAIL);
            assertThat(verdict(scan, "CW_AWS_SG_SSH_WORLD", BASTION)).isEqualTo(Verdict.FAIL);
            assertThat(verdict(scan, "CW_AWS_IAM_ROOT_ACCESS_KEYS", "AWS::IAM::RootUser.root")).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void aCallThatCannotConnectIsAProblemAndTheRestIsScanned() {
        try (FakeAws aws = new FakeAws("base")) {
            aws.server.stubFor(FakeAws.query("GetAccountAuthorizationDetails").atPriority(1)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            PostureScan scan = Scans.live(aws.collect());
            assertThat(scan.problems()).singleElement().satisfies(p -> {
                assertThat(p.location().file()).isEqualTo("aws://123456789012/global/iam");
                assertThat(p.reason()).startsWith("iam GetAccountAuthorizationDetails failed in global: ");
            });
            // without their inline policies the users would pass the inline-admin check unseen: left out; root stays
            assertThat(ids(scan)).noneMatch(id -> id.startsWith("AWS::IAM::User."));
            assertThat(verdict(scan, "CW_AWS_IAM_ROOT_ACCESS_KEYS", "AWS::IAM::RootUser.root")).isEqualTo(Verdict.FAIL);
            assertThat(verdict(scan, "CW_AWS_SG_SSH_WORLD", BASTION)).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void throttlingIsRetriedBeforeACallCountsAsFailed() {
        try (FakeAws aws = new FakeAws("base")) {
            aws.server.stubFor(FakeAws.query("DescribeInstances").atPriority(1).inScenario("throttled")
                    .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm").willReturn(aResponse().withStatus(503)
                            .withBody("<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit "
                                    + "exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>")));
            PostureScan scan = Scans.live(aws.collect());
            assertThat(scan.problems()).isEmpty();
            assertThat(verdict(scan, "CW_AWS_EC2_IMDSV2", "AWS::EC2::Instance.i-0a1b2c3d4e5f60001")).isEqualTo(Verdict.FAIL);
            aws.server.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances&")));
        }
    }

    @Test
    void theCredentialReportIsAskedForUntilItIsGenerated() {
        try (FakeAws aws = new FakeAws("base")) {
            aws.server.stubFor(FakeAws.query("GenerateCredentialReport").atPriority(1).inScenario("report")
                    .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("generated").willReturn(aResponse()
                            .withBody("<GenerateCredentialReportResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                                    + "<GenerateCredentialReportResult><State>STARTED</State><Description>No report exists. "
                                    + "Starting a new report generation task</Description></GenerateCredentialReportResult>"
                                    + "</GenerateCredentialReportResponse>")));
            PostureScan scan = Scans.live(aws.collect());
            assertThat(scan.problems()).isEmpty();
            assertThat(verdict(scan, "CW_AWS_IAM_ROOT_ACCESS_KEYS", "AWS::IAM::RootUser.root")).isEqualTo(Verdict.FAIL);
            aws.server.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GenerateCredentialReport&")));
        }
    }

    @Test
    void allRegionsScansEachEnabledRegionAndTheGlobalServicesOnce() {
        try (FakeAws aws = new FakeAws("base")) {
            AwsLiveScan.Collected collected = new AwsLiveScan(aws.access(),
                    new AwsLiveScan.Options(List.of(FakeAws.REGION), true, Duration.ZERO)).collect();
            PostureScan scan = Scans.live(collected);
            assertThat(scan.problems()).isEmpty();
            assertThat(scan.resources()).filteredOn(r -> r.id().equals(BASTION)).map(r -> r.location().file())
                    .containsExactlyInAnyOrder("aws://123456789012/us-east-1/ec2", "aws://123456789012/eu-west-1/ec2");
            // the trail is homed in us-east-1: one resource; each region says whether a trail records it
            assertThat(ids(scan)).containsOnlyOnce("AWS::CloudTrail::Trail.management", "AWS::IAM::User.alice", BUCKET)
                    .contains("AWS::CloudTrail::Meta.us-east-1", "AWS::CloudTrail::Meta.eu-west-1");
            // a multi-region trail's status is asked for once, however many regions list it
            aws.server.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", matching(".*\\.GetTrailStatus")));
            aws.server.verify(1, postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(containing("Action=GetAccountAuthorizationDetails&")).withRequestBody(containing("Marker=page2")));
        }
    }
}
