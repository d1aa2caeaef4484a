package dev.cloudwarden.app.hunt;

import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.sigma.convert.DuckDbConverter;
import dev.cloudwarden.engine.sigma.convert.UnsupportedByBackendException;
import dev.cloudwarden.engine.sigma.eval.RuleSemanticException;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.logsource.LogSourceMapping;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sigma rules run retroactively over the archive: each rule's detection through the engine's DuckDB backend
 * ({@link DuckDbConverter}, as {@code rules convert} writes it) over the archived records, on the events its
 * logsource selects, decided by the engine's own {@link LogSourceMapping} for each (source, logsource) the archive
 * holds. So a hunt matches what {@code scan} matched on the same events, within the backend's documented
 * differences (full Unicode case folding, number text).
 */
final class RuleHunt {
    /** What each match shows: enough to find the event ({@code event_id}, origin) and to read it at a glance. */
    static final String MATCH_COLUMNS = "time, source, class, principal, src_ip, operation, outcome, "
            + "origin_input, origin_line, origin_record, event_id";

    private final List<LoadedRule> rules;
    private final List<String> conditions;

    private RuleHunt(List<LoadedRule> rules, List<String> conditions) {
        this.rules = rules;
        this.conditions = conditions;
    }

    /** Compiles and converts the rules in {@code files}; anything the hunt could not honour is refused, not dropped. */
    static RuleHunt of(List<RuleFile> files) throws HuntException {
        RuleSet set = RuleSet.compile(files, SigmaConfig.defaults());
        if (!set.errors().isEmpty()) {
            throw new HuntException(HuntException.Kind.BAD_QUERY, "rule errors: " + String.join("; ",
                    set.errors().stream().map(Object::toString).toList()));
        }
        if (!set.correlations().isEmpty()) {
            throw new HuntException(HuntException.Kind.REFUSED, "correlation rules cannot be hunted retroactively yet ("
                    + set.correlations().size() + " given); hunt the rules they count, or scan the logs");
        }
        if (set.rules().isEmpty()) {
            throw new HuntException(HuntException.Kind.BAD_QUERY, "no detection rule in " + String.join(", ",
                    files.stream().map(RuleFile::name).toList()));
        }
        DuckDbConverter converter = new DuckDbConverter(SigmaConfig.defaults());
        List<String> conditions = new ArrayList<>();
        for (LoadedRule r : set.rules()) {
            if (!r.filters().isEmpty()) {
                throw new HuntException(HuntException.Kind.REFUSED, "rule " + r.key() + " has Sigma filters, which the "
                        + "DuckDB backend does not convert yet; hunt without the filter files");
            }
            try {
                conditions.add(converter.condition(r.rule()));
            } catch (UnsupportedByBackendException | RuleSemanticException e) {
                throw new HuntException(HuntException.Kind.REFUSED, "rule " + r.key() + " cannot run as SQL: " + e.getMessage(), e);
            }
        }
        return new RuleHunt(set.rules(), conditions);
    }

    /** The query: each rule's matches, with the rule's key and title first, in event time order. */
    String sql(Connection session) throws SQLException {
        List<Partition> partitions = partitions(session);
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            LoadedRule r = rules.get(i);
            List<String> applicable = new ArrayList<>();
            for (Partition p : partitions) {
                if (p.type().isPresent() && LogSourceMapping.applies(r.rule().logSource(), p.type().get(), p.logSource())) {
                    applicable.add(p.sql());
                }
            }
            String where = applicable.isEmpty() ? "FALSE" : "(" + String.join(" OR ", applicable) + ")";
            selects.add("SELECT " + SqlText.string(r.key()) + " AS rule, " + SqlText.string(r.rule().title()) + " AS title, "
                    + MATCH_COLUMNS + " FROM (SELECT *, raw AS json FROM events WHERE " + where + ") WHERE "
                    + conditions.get(i));
        }
        return String.join("\nUNION ALL\n", selects) + "\nORDER BY time, origin_input, origin_line, origin_record, rule";
    }

    /** The (source, logsource) pairs in the archive: few, so the logsource decision is made in Java, once each. */
    private static List<Partition> partitions(Connection session) throws SQLException {
        List<Partition> out = new ArrayList<>();
        try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DISTINCT source, logsource_product, logsource_service, logsource_category FROM events")) {
            while (rs.next()) {
                out.add(new Partition(rs.getString(1), new LogSource(rs.getString(2), rs.getString(3), rs.getString(4))));
            }
        }
        return out;
    }

    /** One source and logsource of archived events. */
    private record Partition(String source, LogSource logSource) {
        Optional<SourceType> type() {
            return SourceType.byId(source);
        }

        String sql() {
            return "(source = " + SqlText.string(source) + " AND " + same("logsource_product", logSource.product())
                    + " AND " + same("logsource_service", logSource.service()) + " AND "
                    + same("logsource_category", logSource.category()) + ")";
        }

        private static String same(String column, String value) {
            return value == null ? column + " IS NULL" : column + " = " + SqlText.string(value);
        }
    }
}
