package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.report.IncidentFileStore;
import dev.cloudwarden.app.report.LandscapeReport;
import dev.cloudwarden.app.report.ReportView;
import dev.cloudwarden.app.report.ReportWriter;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cloudwarden report}: the threat landscape report over the store's own incidents, as one self-contained HTML
 * file, each chart's data as CSV beside it, and optionally a PDF of the same content.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the cloud threat landscape report over your own incidents: initial access vectors, actions, "
                + "malware, motives, cost, the ATT&CK heat map, the trend, top entities, time to detect and contain, posture "
                + "by responsibility layer, dead spots, and the status of each recommendation.",
                "The same store and period give byte-identical HTML (and PDF). Exit code: 0 written; 2 usage or store error, or "
                        + "no DejaVu fonts for the PDF; 3 written, but lines of the --incidents file were not incidents (each named on stderr)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlatformStoreOption store;

    @Option(names = "--incidents", paramLabel = "FILE",
            description = "Report over a file of incidents (NDJSON, as scan --incidents or the demo's results/incidents.ndjson "
                    + "write them) instead of a store. Time to detect is then unknown: a file does not say when each incident was learnt of.")
    Path incidents;

    @Option(names = "--since", paramLabel = "DURATION", converter = ShortDurationConverter.class,
            description = "The period: the last DURATION up to now (30d, 12h). Default: 30d, unless --from/--to are given.")
    Duration since;

    @Option(names = "--from", paramLabel = "TIME", description = "The period's start (ISO-8601, e.g. 2026-11-01T00:00:00Z).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", description = "The period's end, exclusive (default: now).")
    Instant to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write (its chart data go to FILE-data/).")
    Path out;

    @Option(names = "--pdf", paramLabel = "FILE", description = "Also write the same report as a PDF (A4, DejaVu fonts embedded).")
    Path pdf;

    @Option(names = "--quiet", description = "Print nothing on success (for cron); errors still go to stderr.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        // PDFBox warns, once per document, that the PDF's built-in symbol font is drawn with a fallback; the report
        // embeds its own fonts and uses none of those glyphs (SLF4J reads this when its first logger is made)
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.pdfbox.pdmodel.font.PDType1Font", "error");
        if (since != null && from != null) {
            throw new ParameterException(spec.commandLine(), "give --since or --from, not both");
        }
        Instant end = to != null ? to : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = from != null ? from : end.minus(since != null ? since : Duration.ofDays(30));
        if (!start.isBefore(end)) {
            throw new ParameterException(spec.commandLine(), "the period is empty: " + start + " is not before " + end);
        }
        if (incidents != null && store.location != null) {
            throw new ParameterException(spec.commandLine(), "give --store or --incidents, not both");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Source source = incidents != null ? Source.of(incidents, err) : Source.of(PlatformStore.open(store.location()))) {
            write(source, start, end);
            return source.rejected() > 0 ? CloudWardenCli.EXIT_REJECTED_INPUT : CloudWardenCli.EXIT_OK;
        } catch (NoSuchFileException e) {
            err.println("cloudwarden report: no such file " + TerminalText.safe(e.getFile()));
            return CloudWardenCli.EXIT_USAGE;
        } catch (StoreException | IllegalArgumentException | dev.cloudwarden.app.report.pdf.ReportFonts.MissingFontException e) {
            err.println("cloudwarden report: " + TerminalText.safe(e.getMessage()));
            return CloudWardenCli.EXIT_USAGE;
        }
    }

    private void write(Source source, Instant start, Instant end) throws IOException {
        ReportView view = LandscapeReport.of(source.store(), start, end, source.file() == null);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String html = ReportWriter.html(view);
        Files.writeString(out, html, StandardCharsets.UTF_8);
        if (pdf != null) {
            dev.cloudwarden.app.report.pdf.PdfRenderer.withSystemFonts().render(html, pdf);
        }
        String name = out.getFileName().toString().replaceFirst("\\.html?$", "");
        List<Path> data = ReportWriter.data(view, out.toAbsolutePath().resolveSibling(name + "-data"));
        if (!quiet) {
            spec.commandLine().getOut().printf("%s%s: %d incidents, %s; %d data files in %s%n", TerminalText.safe(out.toString()),
                    pdf == null ? "" : " and " + TerminalText.safe(pdf.toString()), view.incidents(), view.period(),
                    data.size(), TerminalText.safe(data.get(0).getParent().toString()));
        }
    }

    /** The incidents reported on: a store, or a file of incidents loaded into a throwaway one. */
    private record Source(PlatformStore store, Path file, AutoCloseable owner, long rejected) implements AutoCloseable {
        static Source of(PlatformStore store) {
            return new Source(store, null, store, 0);
        }

        static Source of(Path file, PrintWriter err) throws IOException {
            IncidentFileStore loaded = IncidentFileStore.load(file, (line, reason) -> err.println("problem: "
                    + TerminalText.safe(file + ":" + line) + ": " + TerminalText.safe(reason)));
            return new Source(loaded.store(), file, loaded, loaded.rejected());
        }

        @Override
        public void close() {
            try {
                owner.close();
            } catch (Exception e) {
                throw new StoreException("cannot close " + (file == null ? "the store" : "the store of " + file) + ": " + e.getMessage(), e);
            }
        }
    }
}
