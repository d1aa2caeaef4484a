package dev.cloudwarden.app.hunt;

import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.Traffic;
import org.duckdb.DuckDBAppender;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The archived event's columns: the normalized parts hunters filter on, typed, and the original record as JSON
 * ({@code raw}) so Sigma's own field names work ({@code raw->>'eventName'}). Text records (sshd, flow logs...) keep
 * the fields their parser cut out in {@code raw}, which is what Sigma rules see, and their line in
 * {@code raw_text}. {@code day} and {@code source} are the partition columns: they live in the folder names, not in
 * the files. The column order here is the staging table's and the appender's.
 */
final class ArchiveColumns {
    /** The staging table, in DuckDB's DDL; {@code day} is derived from {@code time} when a batch is written. */
    static final String STAGING_COLUMNS = """
            event_id VARCHAR, time TIMESTAMP, time_inferred BOOLEAN, source VARCHAR, class VARCHAR, uid VARCHAR,
            logsource_product VARCHAR, logsource_service VARCHAR, logsource_category VARCHAR,
            cloud_provider VARCHAR, cloud_account VARCHAR, cloud_region VARCHAR,
            principal VARCHAR, principal_type VARCHAR, access_key VARCHAR, session VARCHAR, mfa BOOLEAN,
            src_ip VARCHAR, src_port INTEGER, src_host VARCHAR, dst_ip VARCHAR, dst_port INTEGER, dst_host VARCHAR,
            operation_service VARCHAR, operation VARCHAR, outcome VARCHAR, error_code VARCHAR, error_message VARCHAR,
            user_agent VARCHAR, resource_types VARCHAR[], resource_ids VARCHAR[],
            bytes_in BIGINT, bytes_out BIGINT, packets_in BIGINT, packets_out BIGINT,
            origin_input VARCHAR, origin_line BIGINT, origin_record BIGINT, raw JSON, raw_text VARCHAR""";

    /** What a batch file holds: the staging columns plus the partition columns it is written by. */
    static final String BATCH_SELECT = "SELECT *, CAST(time AS DATE) AS day FROM %s";

    /** The partition columns, outermost first: a day's folder holds a folder per source. */
    static final String PARTITIONS = "day, source";

    private static final long MAX_MICROS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000L;

    private ArchiveColumns() {
    }

    /** Appends {@code e} as one row of the staging table. */
    static void append(DuckDBAppender a, Event e) throws SQLException {
        a.beginRow();
        a.append(EventIds.of(e));
        a.appendEpochMicros(micros(e.time()));
        a.append(e.timeInferred());
        a.append(e.source().id());
        a.append(e.ocsfClass().caption());
        text(a, e.uid());
        LogSource ls = e.logSource();
        text(a, ls.product());
        text(a, ls.service());
        text(a, ls.category());
        Cloud c = e.cloud();
        text(a, c.provider());
        text(a, c.account());
        text(a, c.region());
        Actor actor = e.actor();
        text(a, actor.principal());
        text(a, actor.principalType());
        text(a, actor.accessKeyId());
        text(a, actor.session());
        bool(a, actor.mfaUsed());
        text(a, e.src().ip());
        integer(a, e.src().port());
        text(a, e.src().host());
        text(a, e.dst().ip());
        integer(a, e.dst().port());
        text(a, e.dst().host());
        text(a, e.operation().service());
        text(a, e.operation().name());
        a.append(e.outcome().status().name().toLowerCase(Locale.ROOT));
        text(a, e.outcome().errorCode());
        text(a, e.outcome().errorMessage());
        text(a, e.userAgent());
        List<String> types = new ArrayList<>(e.resources().size());
        List<String> ids = new ArrayList<>(e.resources().size());
        for (Resource r : e.resources()) {
            types.add(r.type());
            ids.add(r.id());
        }
        a.append(types);
        a.append(ids);
        Traffic t = e.traffic();
        bigint(a, t.bytesIn());
        bigint(a, t.bytesOut());
        bigint(a, t.packetsIn());
        bigint(a, t.packetsOut());
        Origin o = e.origin();
        text(a, o == null ? null : o.input());
        bigint(a, o == null || o.line() <= 0 ? null : o.line());
        bigint(a, o == null || o.recordIndex() < 0 ? null : o.recordIndex());
        a.append(e.raw().isJson() ? e.raw().text() : e.raw().tree().toString());
        text(a, e.raw().isJson() ? null : e.raw().text());
        a.endRow();
    }

    /** Microseconds since the epoch, clamped to what a DuckDB TIMESTAMP holds (a parser may accept year 99999). */
    static long micros(Instant t) {
        long seconds = Math.max(-MAX_MICROS / 1_000_000L, Math.min(MAX_MICROS / 1_000_000L, t.getEpochSecond()));
        return seconds * 1_000_000L + t.getNano() / 1000;
    }

    private static void text(DuckDBAppender a, String v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }

    private static void bool(DuckDBAppender a, Boolean v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v.booleanValue());
        }
    }

    private static void integer(DuckDBAppender a, Integer v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v.intValue());
        }
    }

    private static void bigint(DuckDBAppender a, Long v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v.longValue());
        }
    }
}
