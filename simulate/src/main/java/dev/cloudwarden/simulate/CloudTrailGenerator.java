package dev.cloudwarden.simulate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic CloudTrail records: the mix of identities (IAM users, assumed roles with session context,
 * AWS services), services, regions and record shapes (management calls, S3 data events with byte
 * counts, console sign-ins, errors) that a busy account writes. Deterministic for a given seed; about
 * 1.5 KB per record, like real trails.
 */
public final class CloudTrailGenerator {
    private static final String[] REGIONS = {"us-east-1", "us-east-1", "us-east-1", "us-west-2", "eu-west-1",
            "eu-central-1", "ap-northeast-1", "ap-southeast-2"};
    private static final String[] ACCOUNTS = {"111122223333", "444455556666", "777788889999"};
    private static final String[] USERS = {"alice", "bob", "carol", "deploy-bot", "dave", "erin", "frank", "grace",
            "terraform", "backup-svc", "heidi", "ivan"};
    private static final String[] ROLES = {"AdminRole", "ReadOnly", "ci-deployer", "lambda-exec-orders",
            "ecs-task-web", "OrganizationAccountAccessRole", "data-pipeline"};
    private static final String[] AGENTS = {
            "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.164.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off command/s3.cp",
            "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.149.1",
            "Boto3/1.34.61 md/Botocore#1.34.61 ua/2.0 os/linux#5.10.210 md/arch#x86_64 lang/python#3.12.2 cfg/retry-mode#legacy Botocore/1.34.61",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
            "console.amazonaws.com", "Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0"};

    private final Random random;
    private Instant clock;

    public CloudTrailGenerator(long seed, Instant start) {
        this.random = new Random(seed);
        this.clock = start;
    }

    /** The next record as one line of compact JSON. */
    public String next() {
        clock = clock.plusMillis(1 + random.nextInt(400));
        StringWriter out = new StringWriter(1800);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void write(JsonGenerator g) throws IOException {
        int kind = random.nextInt(100);
        String region = pick(REGIONS);
        String account = pick(ACCOUNTS);
        g.writeStartObject();
        g.writeStringField("eventVersion", "1.09");
        if (kind < 30) {
            assumedRole(g, account);
            s3DataEvent(g, region, account, kind < 22 ? "GetObject" : "PutObject");
        } else if (kind < 55) {
            assumedRole(g, account);
            ec2Call(g, region);
        } else if (kind < 70) {
            iamUser(g, account);
            iamCall(g);
        } else if (kind < 80) {
            awsService(g, "lambda.amazonaws.com");
            stsAssumeRole(g, region, account);
        } else if (kind < 90) {
            awsService(g, "ec2.amazonaws.com");
            kmsDecrypt(g, region, account);
        } else if (kind < 95) {
            iamUser(g, account);
            consoleLogin(g, account);
        } else {
            assumedRole(g, account);
            describeTrails(g, region);
        }
        g.writeStringField("requestID", uuid());
        g.writeStringField("eventID", uuid());
        g.writeBooleanField("readOnly", random.nextBoolean());
        g.writeStringField("eventType", "AwsApiCall");
        g.writeBooleanField("managementEvent", kind >= 30);
        g.writeStringField("recipientAccountId", account);
        g.writeStringField("eventCategory", kind < 30 ? "Data" : "Management");
        g.writeObjectFieldStart("tlsDetails");
        g.writeStringField("tlsVersion", "TLSv1.3");
        g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
        g.writeStringField("clientProvidedHostHeader", "ec2." + region + ".amazonaws.com");
        g.writeEndObject();
        g.writeEndObject();
    }

    private void common(JsonGenerator g, String source, String name, String region, boolean service) throws IOException {
        g.writeStringField("eventTime", clock.toString().replaceAll("\\.\\d+Z$", "Z"));
        g.writeStringField("eventSource", source);
        g.writeStringField("eventName", name);
        g.writeStringField("awsRegion", region);
        g.writeStringField("sourceIPAddress", service ? source : ip());
        g.writeStringField("userAgent", service ? source : pick(AGENTS));
    }

    private void assumedRole(JsonGenerator g, String account) throws IOException {
        String role = pick(ROLES);
        String session = pick(USERS) + "-" + (1_700_000_000 + random.nextInt(9_999_999));
        String roleId = "AROA" + key(17);
        g.writeObjectFieldStart("userIdentity");
        g.writeStringField("type", "AssumedRole");
        g.writeStringField("principalId", roleId + ":" + session);
        g.writeStringField("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session);
        g.writeStringField("accountId", account);
        g.writeStringField("accessKeyId", "ASIA" + key(16));
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("sessionIssuer");
        g.writeStringField("type", "Role");
        g.writeStringField("principalId", roleId);
        g.writeStringField("arn", "arn:aws:iam::" + account + ":role/" + role);
        g.writeStringField("accountId", account);
        g.writeStringField("userName", role);
        g.writeEndObject();
        g.writeObjectFieldStart("webIdFederationData");
        g.writeEndObject();
        g.writeObjectFieldStart("attributes");
        g.writeStringField("creationDate", clock.minusSeconds(random.nextInt(3600)).toString().replaceAll("\\.\\d+Z$", "Z"));
        g.writeStringField("mfaAuthenticated", random.nextInt(10) == 0 ? "true" : "false");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private void iamUser(JsonGenerator g, String account) throws IOException {
        String user = pick(USERS);
        g.writeObjectFieldStart("userIdentity");
        g.writeStringField("type", "IAMUser");
        g.writeStringField("principalId", "AIDA" + key(17));
        g.writeStringField("arn", "arn:aws:iam::" + account + ":user/" + user);
        g.writeStringField("accountId", account);
        g.writeStringField("accessKeyId", "AKIA" + key(16));
        g.writeStringField("userName", user);
        g.writeEndObject();
    }

    private void awsService(JsonGenerator g, String service) throws IOException {
        g.writeObjectFieldStart("userIdentity");
        g.writeStringField("type", "AWSService");
        g.writeStringField("invokedBy", service);
        g.writeEndObject();
    }

    private void s3DataEvent(JsonGenerator g, String region, String account, String name) throws IOException {
        common(g, "s3.amazonaws.com", name, region, false);
        String bucket = "acme-" + pick(new String[]{"invoices", "logs", "backups", "web-assets", "datalake"}) + "-" + account;
        String key = "prefix/" + random.nextInt(10_000) + "/part-" + random.nextInt(100) + ".parquet";
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("bucketName", bucket);
        g.writeStringField("Host", bucket + ".s3." + region + ".amazonaws.com");
        g.writeStringField("key", key);
        g.writeEndObject();
        g.writeNullField("responseElements");
        g.writeObjectFieldStart("additionalEventData");
        g.writeStringField("SignatureVersion", "SigV4");
        g.writeStringField("CipherSuite", "TLS_AES_128_GCM_SHA256");
        g.writeNumberField("bytesTransferredIn", name.equals("PutObject") ? random.nextInt(5_000_000) : 0);
        g.writeStringField("AuthenticationMethod", "AuthHeader");
        g.writeStringField("x-amz-id-2", key(60));
        g.writeNumberField("bytesTransferredOut", name.equals("GetObject") ? random.nextInt(5_000_000) : 0);
        g.writeEndObject();
        g.writeArrayFieldStart("resources");
        g.writeStartObject();
        g.writeStringField("type", "AWS::S3::Object");
        g.writeStringField("ARN", "arn:aws:s3:::" + bucket + "/" + key);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("accountId", account);
        g.writeStringField("type", "AWS::S3::Bucket");
        g.writeStringField("ARN", "arn:aws:s3:::" + bucket);
        g.writeEndObject();
        g.writeEndArray();
    }

    private void ec2Call(JsonGenerator g, String region) throws IOException {
        String[] names = {"DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes", "DescribeSnapshots",
                "CreateTags", "DescribeInstanceStatus"};
        String name = pick(names);
        common(g, "ec2.amazonaws.com", name, region, false);
        g.writeObjectFieldStart("requestParameters");
        g.writeObjectFieldStart("instancesSet");
        g.writeArrayFieldStart("items");
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            g.writeStartObject();
            g.writeStringField("instanceId", "i-0" + hex(16));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("filterSet");
        g.writeEndObject();
        g.writeNumberField("maxResults", 1000);
        g.writeEndObject();
        g.writeNullField("responseElements");
        if (random.nextInt(20) == 0) {
            g.writeStringField("errorCode", "Client.UnauthorizedOperation");
            g.writeStringField("errorMessage", "You are not authorized to perform this operation.");
        }
    }

    private void iamCall(JsonGenerator g) throws IOException {
        String name = pick(new String[]{"ListUsers", "GetUser", "ListAttachedRolePolicies", "GetAccountSummary",
                "ListAccessKeys", "GetRole"});
        common(g, "iam.amazonaws.com", name, "us-east-1", false);
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("userName", pick(USERS));
        g.writeNumberField("maxItems", 100);
        g.writeEndObject();
        g.writeNullField("responseElements");
    }

    private void stsAssumeRole(JsonGenerator g, String region, String account) throws IOException {
        common(g, "sts.amazonaws.com", "AssumeRole", region, true);
        String role = pick(ROLES);
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("roleArn", "arn:aws:iam::" + account + ":role/" + role);
        g.writeStringField("roleSessionName", "session-" + random.nextInt(100_000));
        g.writeNumberField("durationSeconds", 3600);
        g.writeEndObject();
        g.writeObjectFieldStart("responseElements");
        g.writeObjectFieldStart("credentials");
        g.writeStringField("accessKeyId", "ASIA" + key(16));
        g.writeStringField("sessionToken", key(180));
        g.writeStringField("expiration", clock.plusSeconds(3600).toString());
        g.writeEndObject();
        g.writeObjectFieldStart("assumedRoleUser");
        g.writeStringField("assumedRoleId", "AROA" + key(17) + ":session");
        g.writeStringField("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/session");
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("resources");
        g.writeStartObject();
        g.writeStringField("accountId", account);
        g.writeStringField("type", "AWS::IAM::Role");
        g.writeStringField("ARN", "arn:aws:iam::" + account + ":role/" + role);
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("sharedEventID", uuid());
    }

    private void kmsDecrypt(JsonGenerator g, String region, String account) throws IOException {
        common(g, "kms.amazonaws.com", "Decrypt", region, true);
        g.writeObjectFieldStart("requestParameters");
        g.writeStringField("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
        g.writeObjectFieldStart("encryptionContext");
        g.writeStringField("aws:ebs:id", "vol-0" + hex(16));
        g.writeEndObject();
        g.writeEndObject();
        g.writeNullField("responseElements");
        g.writeArrayFieldStart("resources");
        g.writeStartObject();
        g.writeStringField("accountId", account);
        g.writeStringField("type", "AWS::KMS::Key");
        g.writeStringField("ARN", "arn:aws:kms:" + region + ":" + account + ":key/" + uuid());
        g.writeEndObject();
        g.writeEndArray();
    }

    private void consoleLogin(JsonGenerator g, String account) throws IOException {
        common(g, "signin.amazonaws.com", "ConsoleLogin", "us-east-1", false);
        boolean failed = random.nextInt(10) == 0;
        g.writeNullField("requestParameters");
        g.writeObjectFieldStart("responseElements");
        g.writeStringField("ConsoleLogin", failed ? "Failure" : "Success");
        g.writeEndObject();
        g.writeObjectFieldStart("additionalEventData");
        g.writeStringField("LoginTo", "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
        g.writeStringField("MobileVersion", "No");
        g.writeStringField("MFAUsed", "Yes"); // a well-run estate: people sign in with MFA
        g.writeEndObject();
        if (failed) {
            g.writeStringField("errorMessage", "Failed authentication");
        }
    }

    private void describeTrails(JsonGenerator g, String region) throws IOException {
        common(g, "cloudtrail.amazonaws.com", "DescribeTrails", region, false);
        g.writeObjectFieldStart("requestParameters");
        g.writeBooleanField("includeShadowTrails", true);
        g.writeEndObject();
        g.writeNullField("responseElements");
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String ip() {
        return switch (random.nextInt(4)) {
            case 0 -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            case 1 -> "198.51.100." + (1 + random.nextInt(254));
            case 2 -> "203.0.113." + (1 + random.nextInt(254));
            default -> (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254));
        };
    }

    private String key(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
