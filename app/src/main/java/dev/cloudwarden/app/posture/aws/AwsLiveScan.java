package dev.cloudwarden.app.posture.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.aws.AwsSnapshotSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code posture scan --aws}: reads an account's configuration through the describe/list/get calls, per region
 * (EC2 and VPC, CloudTrail, RDS) and once (IAM, S3), as the AWS CLI's outputs ({@link LiveDocument}), and hands them
 * to the same snapshot reader the saved outputs go through, so a live scan and a scan of the same outputs saved as
 * files give the same resources and findings. Resources are named {@code aws://ACCOUNT/REGION/SERVICE}, without a
 * line; each failed call is a problem at that address.
 */
public final class AwsLiveScan {
    /**
     * @param regions     the regions to scan; empty: the SDK's default region
     * @param allRegions  every region enabled for the account (EC2 DescribeRegions)
     * @param reportPause between looks at an IAM credential report being generated
     */
    public record Options(List<String> regions, boolean allRegions, Duration reportPause) {
        public Options {
            regions = List.copyOf(regions);
        }
    }

    /** What the calls gave: the account, its outputs, and the calls that failed. */
    public record Collected(String account, List<LiveDocument> documents, List<CallFailure> failures) {
        public Collected {
            documents = List.copyOf(documents);
            failures = List.copyOf(failures);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsAccess access;
    private final Options options;

    public AwsLiveScan(AwsAccess access, Options options) {
        this.access = access;
        this.options = options;
    }

    public Collected collect() {
        access.requireCredentials();
        List<String> start = options.regions().isEmpty() ? List.of(access.defaultRegion()) : options.regions();
        String home = start.get(0);
        String account = account(home);
        List<CallFailure> failures = new ArrayList<>();
        List<String> regions = options.allRegions() ? enabledRegions(home, failures) : start;
        List<LiveDocument> out = new ArrayList<>();
        try (IamClient iam = access.client(IamClient.builder(), home).build()) {
            IamScan.scan(iam, new Calls("iam", LiveDocument.GLOBAL, failures), account, options.reportPause(), out);
        }
        try (S3Client s3 = access.client(S3Client.builder(), home).crossRegionAccessEnabled(true)
                .forcePathStyle(access.hasEndpoint()).build()) {
            S3Scan.scan(s3, new Calls("s3", LiveDocument.GLOBAL, failures), out);
        }
        Map<Object, Map<String, Object>> trailStatuses = new HashMap<>();
        for (String region : regions) {
            try (Ec2Client ec2 = access.client(Ec2Client.builder(), region).build();
                 CloudTrailClient trails = access.client(CloudTrailClient.builder(), region).build();
                 RdsClient rds = access.client(RdsClient.builder(), region).build()) {
                Ec2Scan.scan(ec2, new Calls("ec2", region, failures), out);
                CloudTrailScan.scan(trails, new Calls("cloudtrail", region, failures), account, trailStatuses, out);
                RdsScan.scan(rds, new Calls("rds", region, failures), out);
            }
        }
        return new Collected(account, out, failures);
    }

    /**
     * The account id (STS GetCallerIdentity, which needs no permission): if even this fails the credentials or the
     * endpoint are wrong, and every other call would fail the same way, so the scan stops here.
     */
    private String account(String region) {
        try (StsClient sts = access.client(StsClient.builder(), region).build()) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new AwsScanException("cannot identify the AWS account (STS GetCallerIdentity in " + region + "): "
                    + e.getMessage());
        }
    }

    private List<String> enabledRegions(String region, List<CallFailure> failures) {
        try (Ec2Client ec2 = access.client(Ec2Client.builder(), region).build()) {
            List<String> regions = new Calls("ec2", region, failures).get("DescribeRegions",
                    () -> ec2.describeRegions().regions().stream().map(Region::regionName).sorted().toList());
            if (regions == null || regions.isEmpty()) {
                return List.of(region);
            }
            LinkedHashSet<String> ordered = new LinkedHashSet<>(List.of(region));
            ordered.addAll(regions);
            return List.copyOf(ordered);
        }
    }

    /**
     * Every source the scan read: {@code aws://ACCOUNT/REGION/SERVICE} of each output, the empty ones too (a region
     * with no RDS instance left was read, and the instances stored from it before are gone). A service whose call
     * failed is a problem at the same address, which keeps its stored findings as they were.
     */
    public static List<String> sources(Collected collected) {
        return collected.documents().stream().map(d -> LiveDocument.address(collected.account(), d.region(), d.service()))
                .distinct().toList();
    }

    /** The outputs through the snapshot reader; each resource at its address, without a line; each failure a problem. */
    public static ParsedConfig read(Collected collected) {
        AwsSnapshotSource reader = new AwsSnapshotSource();
        List<ConfigResource> resources = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        for (LiveDocument d : collected.documents()) {
            String address = LiveDocument.address(collected.account(), d.region(), d.service());
            ParsedConfig parsed = reader.parseJson(address, json(d));
            parsed.resources().forEach(r -> resources.add(new ConfigResource(r.framework(), r.type(), r.name(), r.id(),
                    new Location(address, 0, 0), r.attributes(), r.references(), r.skips())));
            problems.addAll(parsed.problems());
        }
        for (CallFailure f : collected.failures()) {
            problems.add(new ParseProblem(Location.of(f.where(collected.account()), 0), f.message()));
        }
        return new ParsedConfig(resources, problems);
    }

    static String json(LiveDocument d) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(d.content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and lists always serialise", e);
        }
    }
}
