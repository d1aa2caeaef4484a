package dev.cloudwarden.engine.posture.source.hadoop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.engine.posture.source.FuzzParse;

/**
 * Coverage-guided fuzzing of the site-file parser; plain runs replay {@code HadoopFuzzTestInputs/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=HadoopFuzzTest}.
 */
class HadoopFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anySiteFileGivesAParsedConfig(byte[] input) {
        FuzzParse.parse(new HadoopSiteSource(), "yarn-site.xml", input);
    }
}
