package dev.cloudwarden.engine.run;


import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run did, for its summary. {@link #matches()} counts every alert the detectors raised (what
 * {@code --no-dedup} prints), {@link #alerts()} those the sinks received after grouping; the grouped alerts'
 * counts add up to the matches that were neither suppressed nor of a disabled rule.
 */
public final class RunStats {
    long events;
    long lateEvents;
    long matches;
    long alerts;
    long disabledMatches;
    long incidentsOpened;
    long incidentsClosed;
    long incidentsMerged;
    final Map<String, Long> matchesByLevel = new java.util.TreeMap<>();
    final Map<String, Long> alertsByLevel = new java.util.TreeMap<>();
    final Map<Suppression, Long> suppressed = new LinkedHashMap<>();

    public long events() {
        return events;
    }

    /** Events that came at or before the watermark (the run's allowed lateness was too small for them). */
    public long lateEvents() {
        return lateEvents;
    }

    public long matches() {
        return matches;
    }

    public long alerts() {
        return alerts;
    }

    /** By level id ({@code none} for rules without a level). */
    public Map<String, Long> matchesByLevel() {
        return Collections.unmodifiableMap(matchesByLevel);
    }

    public Map<String, Long> alertsByLevel() {
        return Collections.unmodifiableMap(alertsByLevel);
    }

    /** Matches each suppression silenced. */
    public Map<Suppression, Long> suppressed() {
        return Collections.unmodifiableMap(suppressed);
    }

    /** Matches of rules disabled while the run was going ({@link DetectionRun#disableRules}), dropped. */
    public long disabledMatches() {
        return disabledMatches;
    }

    public long suppressedTotal() {
        return suppressed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Incidents opened (and, below, merged): counted when the incident sink takes live updates. */
    public long incidentsOpened() {
        return incidentsOpened;
    }

    public long incidentsClosed() {
        return incidentsClosed;
    }

    public long incidentsMerged() {
        return incidentsMerged;
    }
}
