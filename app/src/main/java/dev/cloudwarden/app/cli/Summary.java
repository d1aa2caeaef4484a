package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestStats;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The end-of-run summary on stderr: events per source, rejected and skipped lines, time, rate. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter err, IngestStats stats, long nanos, Path quarantine) {
        double seconds = nanos / 1e9;
        err.println();
        err.printf(Locale.ROOT, "%,d events from %,d inputs in %.2f s (%,.0f events/s)%n",
                stats.events(), stats.inputs(), seconds, seconds > 0 ? stats.events() / seconds : 0.0);
        Map<String, Long> bySource = new TreeMap<>();
        for (Map.Entry<SourceType, Long> e : stats.eventsBySource().entrySet()) {
            bySource.put(e.getKey().id(), e.getValue());
        }
        bySource.forEach((source, n) -> err.printf(Locale.ROOT, "  %-16s %,12d%n", source, n));
        if (stats.timeInferred() > 0) {
            err.printf(Locale.ROOT, "%,d events with an inferred time (no usable time of their own: see time_inferred)%n",
                    stats.timeInferred());
        }
        if (stats.skipped() > 0) {
            err.printf(Locale.ROOT, "%,d lines skipped:", stats.skipped());
            stats.skippedByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> err.printf(Locale.ROOT, " %s %,d;", e.getKey(), e.getValue()));
            err.println();
        }
        if (stats.rejected() > 0) {
            err.printf(Locale.ROOT, "%,d lines rejected: see the errors above and %s%n", stats.rejected(), quarantine);
        } else {
            err.println("0 lines rejected");
        }
        err.flush();
    }
}
