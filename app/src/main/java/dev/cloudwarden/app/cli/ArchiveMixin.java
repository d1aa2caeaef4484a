package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.hunt.ArchiveLayout;
import dev.cloudwarden.app.hunt.EventArchive;
import dev.cloudwarden.app.output.TerminalText;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * {@code scan --archive}: keeps the scanned events as Parquet for {@code cloudwarden hunt}, in the folder beside the
 * store ({@code <store>.events/}, the store {@code --store} names) or in {@code --events DIR}. Independent of what the
 * store keeps of alerts and incidents: events are far more, so they are kept only when asked.
 */
public final class ArchiveMixin {
    @Option(names = "--archive", description = {"Also keep the scanned events for cloudwarden hunt: Parquet files by day "
            + "and source beside the store (<store>.events/) or in --events. Rescanning the same files does not duplicate them."})
    boolean archive;

    @Option(names = "--events", paramLabel = "DIR", description = "With --archive: the event archive's folder instead of the one beside the store.")
    Path events;

    @Option(names = "--retain", paramLabel = "DURATION", converter = ShortDurationConverter.class,
            description = "With --archive: after the scan, drop archived days older than this (90d, 12h). Default: keep everything.")
    Duration retain;

    /** The archive to write to, or null without --archive. */
    EventArchive open(CommandSpec spec, Path store) throws IOException {
        if (!archive) {
            if (events != null || retain != null) {
                throw new ParameterException(spec.commandLine(), "--events and --retain go with --archive");
            }
            return null;
        }
        if (retain != null && (retain.isNegative() || retain.isZero())) {
            throw new ParameterException(spec.commandLine(), "--retain must be positive");
        }
        return EventArchive.open(layout(events, store));
    }

    /** Closes the archive (writing what it buffers), applies --retain and says what it did on stderr. */
    void finish(EventArchive archive, PrintWriter err) throws IOException {
        archive.close();
        err.printf(Locale.ROOT, "%,d events archived to %s%n", archive.written(),
                TerminalText.safe(archive.layout().root().toString()));
        if (retain != null) {
            List<LocalDate> dropped = EventArchive.retain(archive.layout(), retain, Clock.systemUTC());
            err.printf(Locale.ROOT, "%d archived days older than %s dropped%n", dropped.size(), retain.toString());
        }
    }

    static ArchiveLayout layout(Path events, Path store) {
        return events != null ? new ArchiveLayout(events) : ArchiveLayout.besideStore(store);
    }
}
