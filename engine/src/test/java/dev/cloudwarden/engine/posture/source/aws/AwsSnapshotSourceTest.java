package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AwsSnapshotSourceTest {
    private static final Path DIR = PostureGolden.ROOT.resolve("aws");

    @TempDir
    Path tmp;

    private final AwsSnapshotSource source = new AwsSnapshotSource();

    private ParsedConfig parse(String file) {
        return source.parse(new ConfigFile(DIR.resolve(file), file));
    }

    private static ConfigResource only(ParsedConfig parsed, String type) {
        List<ConfigResource> of = parsed.resources().stream().filter(r -> r.type().equals(type)).toList();
        assertThat(of).as(type).hasSize(1);
        return of.get(0);
    }

    /** The attributes without the metadata only some forms carry. */
    private static Map<String, Object> withoutMetadata(ConfigResource r) {
        Map<String, Object> m = new LinkedHashMap<>(r.attributes());
        m.remove("AccountId");
        m.remove("Region");
        m.remove("Arn");
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"describe-security-groups.json", "describe-instances.json", "config-snapshot.json",
            "get-account-authorization-details.json", "get-credential-report.json", "credential-report.csv",
            "list-buckets.json", "describe-snapshots-and-trails.json", "panther-resources.jsonl"})
    void acceptsEachFormByContent(String file) throws Exception {
        String head = Files.readString(DIR.resolve(file));
        assertThat(source.accepts(DIR.resolve(file), head.substring(0, Math.min(head.length(), 300)))).isTrue();
    }

    @Test
    void rejectsOtherJson() {
        assertThat(source.accepts(Path.of("template.json"), "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {")).isFalse();
        assertThat(source.accepts(Path.of("package.json"), "{\"name\": \"x\", \"version\": \"1\"}")).isFalse();
        assertThat(source.accepts(Path.of("plan.json"), "{\"format_version\": \"1.2\", \"terraform_version\"")).isFalse();
        assertThat(source.accepts(Path.of("x.yaml"), "SecurityGroups: []")).isFalse();
        assertThat(source.accepts(Path.of("x.csv"), "a,b,c")).isFalse();
        assertThat(source.accepts(Path.of("appsettings.json"), "{\"UserName\": \"svc\", \"Password\": \"x\"}")).isFalse();
        assertThat(source.accepts(Path.of("policy.json"), "{\"Version\": \"2012-10-17\", \"Statement\": []}")).isFalse();
    }

    @Test
    void aSecurityGroupIsTheSameFromDescribeAndFromConfig() {
        ConfigResource described = only(parse("describe-security-groups.json"), "AWS::EC2::SecurityGroup");
        ConfigResource config = only(parse("config-snapshot.json"), "AWS::EC2::SecurityGroup");
        assertThat(withoutMetadata(config)).isEqualTo(withoutMetadata(described));
        assertThat(config.id()).isEqualTo(described.id()).isEqualTo("AWS::EC2::SecurityGroup.sg-0123456789abcdef0");
        assertThat(described.framework()).isEqualTo(Framework.AWS);
        assertThat(described.at("IpPermissions.IpRanges.CidrIp")).isEqualTo("0.0.0.0/0");
        assertThat(config.references()).containsExactly("AWS::EC2::VPC.vpc-0a1b2c3d");
        assertThat(config.attributes()).containsEntry("Region", "us-east-1").containsEntry("AccountId", "123456789012");
        assertThat(described.location().line()).isEqualTo(3);
        assertThat(described.location().endLine()).isEqualTo(57);
    }

    @Test
    void anInstanceIsTheSameFromDescribeAndFromConfig() {
        ConfigResource described = only(parse("describe-instances.json"), "AWS::EC2::Instance");
        ConfigResource config = only(parse("config-snapshot.json"), "AWS::EC2::Instance");
        assertThat(withoutMetadata(config)).isEqualTo(withoutMetadata(described));
        assertThat(described.at("MetadataOptions.HttpTokens")).isEqualTo("optional");
        assertThat(described.name()).isEqualTo("i-0a1b2c3d4e5f67890");
    }

    @Test
    void aBucketIsTheSameFromConfigAndFromPanther() {
        ConfigResource config = only(parse("config-snapshot.json"), "AWS::S3::Bucket");
        ConfigResource panther = only(parse("panther-resources.jsonl"), "AWS::S3::Bucket");
        for (String field : List.of("Name", "Owner", "Grants", "EncryptionRules", "LoggingPolicy", "Versioning",
                "MFADelete", "Policy", "PublicAccessBlockConfiguration", "LifecycleRules")) {
            assertThat(config.attributes().get(field)).as(field).isEqualTo(panther.attributes().get(field));
        }
        assertThat(config.at("Policy.Statement.Principal")).isEqualTo("*");
        assertThat(config.id()).isEqualTo("AWS::S3::Bucket.public-logs-123456789012");
        assertThat(panther.attributes()).doesNotContainKeys("ResourceType", "ResourceId", "TimeCreated");
    }

    @Test
    void listBucketsSaysNothingOfTheSettingsSoTheyAreUnknown() {
        ConfigResource bucket = only(parse("list-buckets.json"), "AWS::S3::Bucket");
        assertThat(bucket.attributes().get("PublicAccessBlockConfiguration")).isInstanceOf(Unknown.class);
        assertThat(bucket.at("Owner.ID")).isEqualTo("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
    }

    @Test
    void anIamUserIsTheSameFromAuthorizationDetailsAndFromConfig() {
        ConfigResource details = only(parse("get-account-authorization-details.json"), "AWS::IAM::User");
        ConfigResource config = only(parse("config-snapshot.json"), "AWS::IAM::User");
        assertThat(withoutMetadata(config)).isEqualTo(withoutMetadata(details));
        assertThat(config.at("UserPolicyList.PolicyDocument.Statement.Action")).isEqualTo("*");
        assertThat(config.id()).isEqualTo("AWS::IAM::User.deploy");
        assertThat(config.references()).containsExactly("AWS::IAM::Group.admins");
    }

    @Test
    void authorizationDetailsGiveRolesGroupsAndPoliciesWithTheDefaultDocument() {
        ParsedConfig parsed = parse("get-account-authorization-details.json");
        assertThat(parsed.resources()).extracting(ConfigResource::id).containsExactly("AWS::IAM::User.deploy",
                "AWS::IAM::Group.admins", "AWS::IAM::Role.ci", "AWS::IAM::Policy.ops");
        assertThat(only(parsed, "AWS::IAM::Policy").at("PolicyDocument.Statement.Action")).isEqualTo("ec2:*");
        assertThat(only(parsed, "AWS::IAM::Role").at("AssumeRolePolicyDocument.Statement.Principal.AWS")).isEqualTo("*");
    }

    @Test
    void deletedConfigItemsGiveNoResource() {
        ParsedConfig parsed = parse("config-snapshot.json");
        assertThat(parsed.resources()).extracting(ConfigResource::type).doesNotContain("AWS::EC2::Volume");
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void theCredentialReportGivesRootAndUsersInBothForms() {
        for (String file : List.of("get-credential-report.json", "credential-report.csv")) {
            ParsedConfig parsed = parse(file);
            assertThat(parsed.resources()).extracting(ConfigResource::id)
                    .containsExactly("AWS::IAM::RootUser.root", "AWS::IAM::User.deploy");
            ConfigResource root = parsed.resources().get(0);
            assertThat(root.at("CredentialReport.MfaActive")).isEqualTo(false);
            assertThat(root.at("CredentialReport.AccessKey1Active")).isEqualTo(true);
            assertThat(root.at("CredentialReport.UserName")).isEqualTo("<root_account>");
            assertThat(root.attributes()).containsEntry("Arn", "arn:aws:iam::123456789012:root");
        }
        assertThat(parse("credential-report.csv").resources().get(1).location().line()).isEqualTo(3);
    }

    @Test
    void snapshotsAndTrails() {
        ParsedConfig parsed = parse("describe-snapshots-and-trails.json");
        assertThat(only(parsed, "AWS::EC2::Snapshot").attributes()).containsEntry("Encrypted", false);
        assertThat(only(parsed, "AWS::CloudTrail::Trail").id()).isEqualTo("AWS::CloudTrail::Trail.management");
    }

    @Test
    void badLinesOfAJsonlFileAreProblemsAndTheRestIsKept() {
        ParsedConfig parsed = parse("panther-resources.jsonl");
        assertThat(parsed.resources()).hasSize(2);
        assertThat(parsed.problems()).extracting(p -> p.location().line()).containsExactly(3, 4);
        assertThat(only(parsed, "AWS::EC2::SecurityGroup").attributes().get("Tags"))
                .isEqualTo(List.of(Map.of("Key", "Name", "Value", "bastion")));
    }

    @Test
    void batchGetResourceConfigWithConfigurationAsText() {
        ParsedConfig parsed = PostureGolden.parseText(source, tmp, "batch.json", """
                {"baseConfigurationItems": [{"version": "1.3", "accountId": "123456789012",
                  "resourceType": "AWS::EC2::Volume", "resourceId": "vol-1", "awsRegion": "eu-west-1",
                  "arn": "arn:aws:ec2:eu-west-1:123456789012:volume/vol-1",
                  "configuration": "{\\"volumeId\\":\\"vol-1\\",\\"encrypted\\":false,\\"size\\":8}",
                  "supplementaryConfiguration": {}},
                  {"resourceType": "AWS::SNS::Topic", "resourceId": "arn:aws:sns:eu-west-1:1:t", "resourceName": "t",
                   "configuration": {"topicArn": "arn:aws:sns:eu-west-1:1:t", "kmsMasterKeyId": null}}]}
                """);
        assertThat(parsed.problems()).isEmpty();
        ConfigResource volume = only(parsed, "AWS::EC2::Volume");
        assertThat(volume.attributes()).containsEntry("Encrypted", false).containsEntry("Size", 8L)
                .containsEntry("AccountId", "123456789012").containsEntry("Arn", "arn:aws:ec2:eu-west-1:123456789012:volume/vol-1");
        ConfigResource topic = only(parsed, "AWS::SNS::Topic");
        assertThat(topic.id()).isEqualTo("AWS::SNS::Topic.t");
        assertThat(topic.attributes()).containsKey("TopicArn");
    }

    @Test
    void brokenJsonIsOneProblemWithItsLine() {
        ParsedConfig parsed = PostureGolden.parseText(source, tmp, "x.json", "{\"SecurityGroups\": [\n{\"GroupId\": }\n");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.location().line()).isEqualTo(2));
    }

    @Test
    void selectResourceConfigResultsAreItems() {
        ParsedConfig parsed = PostureGolden.parseText(source, tmp, "select.json", """
                {"Results": ["{\\"resourceType\\":\\"AWS::EC2::Volume\\",\\"resourceId\\":\\"vol-2\\",\\"configuration\\":{\\"volumeId\\":\\"vol-2\\",\\"encrypted\\":true}}"],
                 "QueryInfo": {"SelectFields": [{"Name": "resourceType"}]}}
                """);
        assertThat(parsed.problems()).isEmpty();
        assertThat(only(parsed, "AWS::EC2::Volume").attributes()).containsEntry("Encrypted", true);
    }

    @Test
    void aPantherTypeGivenBesideTheResourceWins() {
        Map<String, Object> bare = Map.of("Name", "x");
        assertThat(PantherResources.typeOf(bare, null)).isNull();
        assertThat(PantherResources.typeOf(bare, "AWS.S3.Bucket")).isEqualTo("AWS::S3::Bucket");
        assertThat(PantherResources.typeOf(Map.of("ResourceType", "AWS.KMS.Key"), "AWS.S3.Bucket")).isEqualTo("AWS::KMS::Key");
    }

    @Test
    void fieldsAFormDoesNotCarryAreUnknown() {
        ParsedConfig parsed = PostureGolden.parseText(source, tmp, "list.json", """
                {"Policies": [{"PolicyName": "p", "PolicyId": "ANPA1", "Arn": "arn:aws:iam::1:policy/p", "DefaultVersionId": "v1"}],
                 "Users": [{"UserName": "u", "UserId": "AIDA1", "Arn": "arn:aws:iam::1:user/u"}]}
                """);
        assertThat(only(parsed, "AWS::IAM::Policy").attributes().get("PolicyDocument")).isInstanceOf(Unknown.class);
        assertThat(only(parsed, "AWS::IAM::User").attributes().get("CredentialReport")).isInstanceOf(Unknown.class);
    }

    @Test
    void camelCaseRaisesToTheApiNames() {
        assertThat(PascalCase.raise("dBInstanceIdentifier")).isEqualTo("DBInstanceIdentifier");
        assertThat(PascalCase.raise("iAMDatabaseAuthenticationEnabled")).isEqualTo("IAMDatabaseAuthenticationEnabled");
        assertThat(PascalCase.raise("trailARN")).isEqualTo("TrailARN");
        assertThat(PascalCase.raise("sseAlgorithm")).isEqualTo("SSEAlgorithm");
        assertThat(PascalCase.convert(Map.of("environment", Map.of("variables", Map.of("db_password", "x")))))
                .isEqualTo(Map.of("Environment", Map.of("Variables", Map.of("db_password", "x"))));
    }
}
