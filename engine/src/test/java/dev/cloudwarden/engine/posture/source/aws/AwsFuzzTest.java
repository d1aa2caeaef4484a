package dev.cloudwarden.engine.posture.source.aws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.engine.posture.source.FuzzParse;

/**
 * Coverage-guided fuzzing of the AWS snapshot reader; plain runs replay {@code AwsFuzzTestInputs/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=AwsFuzzTest}.
 */
class AwsFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anySnapshotGivesAParsedConfig(byte[] input) {
        FuzzParse.parse(new AwsSnapshotSource(), "snapshot.json", input);
        FuzzParse.parse(new AwsSnapshotSource(), "snapshot.jsonl", input);
        FuzzParse.parse(new AwsSnapshotSource(), "report.csv", input);
    }
}
