package dev.cloudwarden.engine.intel;

import java.util.List;

/**
 * What reading a feed gave: the indicators, and the problems with their locations. A feed is never all or
 * nothing: a bad object is a problem, the others are still indicators.
 *
 * @param skipped objects read on purpose without an indicator (STIX objects of other types, MISP attributes of
 *                types CloudWarden does not match), so that counts add up
 */
public record FeedResult(String source, List<Indicator> indicators, List<FeedProblem> problems, int skipped) {
    public FeedResult {
        indicators = List.copyOf(indicators);
        problems = List.copyOf(problems);
    }
}
