/**
 * Sigma correlation rules (specification v2.1) evaluated on event time over keyed state.
 *
 * <p>The contract CloudWarden holds to, where the specification leaves room:
 * <ul>
 *   <li><b>Windows slide.</b> Every match closes a window: the timespan ending at its event time, both ends
 *       inclusive (events exactly one timespan apart are together; a millisecond more and they are not).
 *       Entries older than any future window are evicted, on the next match or by a timer, so state is
 *       bounded by what one timespan holds. Times are compared at millisecond precision.</li>
 *   <li><b>Groups.</b> {@code group-by} fields are read from the event's raw record (several fields: all
 *       must be equal); an alias names, per referenced rule, the field to read in that rule's events. A match
 *       whose event lacks a group-by field joins no group. No {@code group-by}: one group.</li>
 *   <li><b>Conditions.</b> Every bound must hold (two bounds make a range), over: event_count, the number of
 *       matches; value_count, the number of distinct values of {@code field}; temporal, the number of distinct
 *       referenced rules matched (no condition: all of them); temporal_ordered, how many referenced rules,
 *       from the first, matched in order (no condition: all); value_sum and value_avg, the sum and mean of
 *       the numeric {@code field} (matches where it is absent or not a number do not count);
 *       value_percentile with a {@code percentile: P} in its condition, the P-th percentile of that numeric
 *       field (linear interpolation); value_percentile without one, as in the specification's only example
 *       ({@code field: Image, lte: 1}), how rare the match's value is: the percentage of the window's
 *       matches that share it. value_median is not in the specification (its hint: "median is a percentile
 *       50"); the model accepts it, and it is the 50th percentile (mean of the middle two).</li>
 *   <li><b>Evaluation and suppression.</b> Conditions are tested when a match arrives, over the window
 *       ending at it. A group fires once, then stays quiet until the window that fired has slid past the
 *       firing match (one timespan); the next alert's window therefore shares no match with the last one.
 *       Conditions that a single match already meets (only {@code lt}/{@code lte} bounds) fire at a group's
 *       first match: without a match there is no evaluation, as with backends that aggregate matches.</li>
 *   <li><b>Order.</b> temporal_ordered needs each rule's match at or after the previous rule's (the same
 *       millisecond counts as in order); the alert holds the matches from the chain's first one on.</li>
 *   <li><b>Chaining and generate.</b> Correlations may reference correlations (by id or name); an alert of
 *       the inner one is a match for the outer one, its group-by values read from its events, latest first.
 *       Referenced rules and correlations do not alert on their own unless a correlation referencing them
 *       has {@code generate: true}. Reference cycles are refused.</li>
 *   <li><b>Ids.</b> An alert's id hashes the correlation's id (or {@code file#title}) and the original text
 *       of every contributing event, in event-time order: the same input gives the same ids.</li>
 *   <li><b>Out of order.</b> See {@link dev.cloudwarden.engine.sigma.correlate.CorrelationEngine}: matches
 *       wait in a buffer until the watermark passes them, so input out of order within the allowed lateness
 *       is processed sorted; same-millisecond matches are processed in a fixed order.</li>
 * </ul>
 */
package dev.cloudwarden.engine.sigma.correlate;
