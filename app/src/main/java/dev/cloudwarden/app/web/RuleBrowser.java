package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.RuleTestResults;

import java.util.List;

/**
 * The rules page: the service's rules (Sigma rules and correlations), filtered, each with its level, log source,
 * the parsed sources that feed it, its tags, its tests and whether it is switched on; admins switch them here.
 *
 * @param testProblems rule test files that could not be read or name no rule this service loads
 */
public record RuleBrowser(Frame page, Filters filters, List<Row> rules, int total, List<Off> switchedOffElsewhere,
                          List<String> testProblems) {
    /** A rule's test cases: how many pass, how many fail, and the first failure (shown through {@link Fmt#visible}). */
    public record Tests(int passed, int failed, String firstFailure) {
        static Tests of(RuleTestResults.Summary s) {
            return new Tests(s.passed(), s.failed(), s.firstFailure() == null ? null : Fmt.visible(s.firstFailure()));
        }
    }

    /**
     * @param id    the rule's id as the service knows it (shown through {@link Fmt#visible})
     * @param fedBy the log sources CloudWarden parses that reach the rule (empty: no parser feeds it)
     * @param offReason why it is switched off, or null when it runs
     * @param tests     its test cases, or null when it has none
     */
    public record Row(String id, String title, String level, String logsource, String fedBy, String tags,
                      boolean correlation, String offReason, String offBy, Tests tests) {
        public boolean enabled() {
            return offReason == null;
        }

        /** {@code passing}, {@code failing} or {@code none}: the rules page's tests filter. */
        public String testState() {
            return tests == null ? "none" : tests.failed() > 0 ? "failing" : "passing";
        }
    }

    /** A rule switched off that this service does not load (kept, it may be loaded again). */
    public record Off(String id, String reason, String by) {
    }

    public static final List<String> LEVELS = IncidentQueue.LEVELS;
}
