package dev.cloudwarden.engine.intel.feed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocValues;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the STIX pattern parser and the feed readers: whatever the bytes, the parser fails
 * only with {@link StixPatternException} and the readers only with problems, and every indicator they give holds a
 * canonical value. Plain test runs replay the seed corpus in {@code IntelFeedFuzzTestInputs/}; to fuzz, run
 * {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=IntelFeedFuzzTest}.
 */
class IntelFeedFuzzTest {
    private static final FeedLimits LIMITS = FeedLimits.defaults().withMaxDepth(40).withMaxLineChars(4096);

    @FuzzTest(maxDuration = "30s")
    void patternsParseOrFailWithTheirOwnError(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            StixPattern p = StixPattern.parse(text);
            assertThat(StixPattern.parse(p.print())).isEqualTo(p);
            PatternIocs.extract(p);
        } catch (StixPatternException e) {
            assertThat(e.offset()).isBetween(0, text.length());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void bundlesReadIntoIndicatorsOrProblems(byte[] input) {
        check(new StixBundleReader(LIMITS).read("fuzz", input));
    }

    @FuzzTest(maxDuration = "30s")
    void mispAndListsReadIntoIndicatorsOrProblems(byte[] input) {
        check(new MispReader(LIMITS).includingNonIds().read("fuzz", input));
        check(new ListReader(LIMITS).readLines("fuzz", input, ListOptions.defaults()));
        check(new ListReader(LIMITS).readCsv("fuzz", input, ListOptions.defaults()));
    }

    private static void check(FeedResult r) {
        for (Indicator i : r.indicators()) {
            assertThat(IocValues.normalize(i.type(), i.value())).isEqualTo(i.value());
        }
        assertThat(r.skipped()).isEqualTo(r.skippedByReason().values().stream().mapToInt(Integer::intValue).sum());
    }
}
