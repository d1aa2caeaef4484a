package dev.cloudwarden.app.web;

import java.util.List;

/**
 * The rules page: the service's rules (Sigma rules and correlations), filtered, each with its level, log source,
 * the parsed sources that feed it, its tags and whether it is switched on; admins switch them here.
 */
public record RuleBrowser(Frame page, Filters filters, List<Row> rules, int total, List<Off> switchedOffElsewhere) {
    /**
     * @param id    the rule's id as the service knows it (shown through {@link Fmt#visible})
     * @param fedBy the log sources CloudWarden parses that reach the rule (empty: no parser feeds it)
     * @param offReason why it is switched off, or null when it runs
     */
    public record Row(String id, String title, String level, String logsource, String fedBy, String tags,
                      boolean correlation, String offReason, String offBy) {
        public boolean enabled() {
            return offReason == null;
        }
    }

    /** A rule switched off that this service does not load (kept, it may be loaded again). */
    public record Off(String id, String reason, String by) {
    }

    public static final List<String> LEVELS = IncidentQueue.LEVELS;
}
