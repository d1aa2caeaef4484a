package dev.cloudwarden.app.hunt;

import dev.cloudwarden.engine.event.Event;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps events for hunting as Parquet files partitioned by day and source ({@link ArchiveLayout}). Events are
 * buffered in an in-memory DuckDB through its Appender and written by DuckDB's own {@code COPY ... PARTITION_BY}
 * when {@link ArchiveOptions#batchEvents()} are buffered, when the oldest buffered event has waited
 * {@link ArchiveOptions#batchDelay()} (checked as events arrive and by {@link #flushIfDue()}, which a service calls
 * from a timer), on {@link #flush()} and on {@link #close()}.
 *
 * <p>Replays do not duplicate. Each batch's files are named by the id of its first event
 * ({@code batch_<id>_<n>.parquet}), so replaying a batch from the same event overwrites its files; where a replay's
 * batches start elsewhere, the rows carry a deterministic {@code event_id} ({@link EventIds}) and the hunt view
 * keeps one row per id. Thread-safe: the ingest thread adds while a timer flushes.
 */
public final class EventArchive implements AutoCloseable {
    private static final String STAGING = "archive_staging";

    private final ArchiveLayout layout;
    private final ArchiveOptions options;
    private final Clock clock;
    private final Connection connection;
    private DuckDBAppender appender;
    private String firstId;
    private Instant firstAt;
    private long buffered;
    private long written;
    private boolean closed;

    private EventArchive(ArchiveLayout layout, ArchiveOptions options, Clock clock, Connection connection) {
        this.layout = layout;
        this.options = options;
        this.clock = clock;
        this.connection = connection;
    }

    /** Opens the archive at {@code layout} (its folder is created on the first write). */
    public static EventArchive open(ArchiveLayout layout, ArchiveOptions options, Clock clock) throws IOException {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + STAGING + " (" + ArchiveColumns.STAGING_COLUMNS + ")");
            }
            return new EventArchive(layout, options, clock, c);
        } catch (SQLException e) {
            throw new IOException("cannot start the event archive's DuckDB: " + e.getMessage(), e);
        }
    }

    public static EventArchive open(ArchiveLayout layout) throws IOException {
        return open(layout, ArchiveOptions.defaults(), Clock.systemUTC());
    }

    public ArchiveLayout layout() {
        return layout;
    }

    /** Buffers {@code event}; writes the batch when it is full or due. */
    public synchronized void add(Event event) throws IOException {
        if (closed) {
            throw new IllegalStateException("the event archive is closed");
        }
        try {
            if (appender == null) {
                appender = connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, STAGING);
            }
            if (buffered == 0) {
                firstId = EventIds.of(event);
                firstAt = clock.instant();
            }
            ArchiveColumns.append(appender, event);
            buffered++;
        } catch (SQLException e) {
            throw new IOException("cannot buffer an event for the archive: " + e.getMessage(), e);
        }
        if (buffered >= options.batchEvents()) {
            flush();
        } else {
            flushIfDue();
        }
    }

    /** Writes the batch when its oldest event has waited {@link ArchiveOptions#batchDelay()}. */
    public synchronized void flushIfDue() throws IOException {
        if (buffered > 0 && !clock.instant().isBefore(firstAt.plus(options.batchDelay()))) {
            flush();
        }
    }

    /** Writes what is buffered as one batch of Parquet files (one per day and source it spans). */
    public synchronized void flush() throws IOException {
        if (buffered == 0) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            appender.close();
            appender = null;
            Files.createDirectories(layout.root());
            s.execute("COPY (" + ArchiveColumns.BATCH_SELECT.formatted(STAGING) + ") TO "
                    + SqlText.string(layout.root().toString()) + " (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ("
                    + ArchiveColumns.PARTITIONS + "), OVERWRITE_OR_IGNORE, FILENAME_PATTERN "
                    + SqlText.string("batch_" + firstId + "_{i}") + ")");
            s.execute("DELETE FROM " + STAGING);
            written += buffered;
            buffered = 0;
        } catch (SQLException e) {
            throw new IOException("cannot write events to the archive " + layout.root() + ": " + e.getMessage(), e);
        }
    }

    /** Events written to Parquet so far. */
    public synchronized long written() {
        return written;
    }

    /**
     * Drops the day partitions wholly older than {@code keep} before now (by event time, UTC days): with 90 days on
     * 2024-05-01, days before 2024-02-01 go. Returns the days dropped, oldest first.
     */
    public synchronized List<LocalDate> retain(Duration keep) throws IOException {
        return retain(layout, keep, clock);
    }

    /** {@link #retain(Duration)} on an archive no process is writing to. */
    public static List<LocalDate> retain(ArchiveLayout layout, Duration keep, Clock clock) throws IOException {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + keep);
        }
        LocalDate cutoff = LocalDate.ofInstant(clock.instant().minus(keep), ZoneOffset.UTC);
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : layout.days()) {
            if (day.isBefore(cutoff)) {
                layout.delete(day);
                dropped.add(day);
            }
        }
        return dropped;
    }

    /** Writes what is buffered and releases the in-memory DuckDB. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            try {
                if (appender != null) {
                    appender.close();
                }
                connection.close();
            } catch (SQLException e) {
                throw new IOException("cannot close the event archive's DuckDB: " + e.getMessage(), e);
            }
        }
    }
}
