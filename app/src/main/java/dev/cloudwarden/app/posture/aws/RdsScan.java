package dev.cloudwarden.app.posture.aws;

import software.amazon.awssdk.services.rds.RdsClient;

import java.util.List;
import java.util.Map;

/** One region's RDS instances ({@code describe-db-instances}): public access, storage encryption, backups. */
final class RdsScan {
    private RdsScan() {
    }

    static void scan(RdsClient rds, Calls calls, List<LiveDocument> out) {
        Map<String, Object> instances = calls.get("DescribeDBInstances", () -> CliJson.merged(rds.describeDBInstancesPaginator()));
        if (instances != null) {
            out.add(calls.document("DescribeDBInstances", instances));
        }
    }
}
