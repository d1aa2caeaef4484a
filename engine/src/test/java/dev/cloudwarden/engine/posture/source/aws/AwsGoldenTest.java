package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden files: each written example under {@code aws/} against its {@code .expected.json}. */
class AwsGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"describe-security-groups.json", "describe-instances.json", "config-snapshot.json",
            "get-account-authorization-details.json", "get-credential-report.json", "list-buckets.json",
            "describe-snapshots-and-trails.json", "panther-resources.jsonl"})
    void snapshots(String file) {
        PostureGolden.check(new AwsSnapshotSource(), PostureGolden.ROOT.resolve("aws").resolve(file));
    }
}
