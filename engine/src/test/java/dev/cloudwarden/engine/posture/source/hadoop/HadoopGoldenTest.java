package dev.cloudwarden.engine.posture.source.hadoop;

import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden files: each example under {@code hadoop/golden/} against its {@code .expected.json}. */
class HadoopGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"yarn-site.xml", "core-site.xml"})
    void siteFiles(String file) {
        PostureGolden.check(new HadoopSiteSource(), PostureGolden.ROOT.resolve("hadoop/golden").resolve(file));
    }
}
