package dev.cloudwarden.simulate.estate;

import dev.cloudwarden.simulate.scenario.World;

import java.util.Map;

/**
 * The account's one trail, {@code management}, as AWS Config records it (the describe-trails fields). It is
 * multi-region: the simulated CloudTrail holds calls from every region, the A3 miners' ap-southeast-3 among them. It
 * validates no log files and has no KMS key, two everyday gaps. T3 stops it, but stopping changes the trail's status,
 * not its configuration: Config records no new item for StopLogging, so the snapshot cannot show it (the logs do).
 */
final class Trail {
    static final String NAME = "management";
    static final String ARN = "arn:aws:cloudtrail:" + Network.REGION + ":" + World.ACCOUNT + ":trail/" + NAME;

    private Trail() {
    }

    static ConfigItem item(Timeline time) {
        Map<String, Object> c = Obj.of("name", NAME, "s3BucketName", Storage.LOGS_BUCKET, "s3KeyPrefix", null,
                "includeGlobalServiceEvents", true, "isMultiRegionTrail", true, "homeRegion", Network.REGION,
                "trailARN", ARN, "logFileValidationEnabled", false, "cloudWatchLogsLogGroupArn", null,
                "cloudWatchLogsRoleArn", null, "kmsKeyId", null, "hasCustomEventSelectors", false,
                "hasInsightSelectors", false, "isOrganizationTrail", false);
        return ConfigItem.of("AWS::CloudTrail::Trail", ARN, NAME, ARN, Network.REGION, "Not Applicable", time.start(), c)
                .related("Is associated with Bucket", "AWS::S3::Bucket", Storage.LOGS_BUCKET, Storage.LOGS_BUCKET);
    }
}
