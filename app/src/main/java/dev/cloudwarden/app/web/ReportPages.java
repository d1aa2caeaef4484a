package dev.cloudwarden.app.web;

import dev.cloudwarden.app.report.LandscapeReport;
import dev.cloudwarden.app.report.ReportView;
import dev.cloudwarden.app.report.ReportWriter;
import dev.cloudwarden.app.report.pdf.PdfRenderer;
import dev.cloudwarden.app.report.pdf.ReportFonts;
import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.QueryParams;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The landscape report over the service's store, as {@code cloudwarden report} writes it: {@code /report} the HTML,
 * {@code /report.pdf} the PDF, for {@code from}/{@code to} (ISO-8601; by default the last 30 days). The document is
 * the command's, byte for byte: a standalone page with its own inline style and no script, so it is served with a
 * policy of its own that allows exactly that.
 */
final class ReportPages {
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    /** Inline style and data: images only; no script, nothing fetched, no form, never framed. */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final PlatformStore store;
    private final Clock clock;

    ReportPages(PlatformStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/report", Role.VIEWER, "The landscape report of a period (HTML)", this::html);
        routes.page(HandlerType.GET, "/report.pdf", Role.VIEWER, "The landscape report of a period (PDF)", this::pdf);
    }

    private ReportView view(Context ctx) {
        Instant to = QueryParams.time(ctx, "to");
        Instant end = to != null ? to : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = QueryParams.time(ctx, "from");
        Instant start = from != null ? from : end.minus(DEFAULT_PERIOD);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from must be before to: " + start + " is not before " + end);
        }
        try {
            return LandscapeReport.of(store, start, end, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the event archive beside the store", e);
        }
    }

    private void html(Context ctx) {
        String html = ReportWriter.html(view(ctx));
        ctx.header("Content-Security-Policy", REPORT_POLICY);
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    private void pdf(Context ctx) throws IOException {
        ReportView view = view(ctx);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRenderer.withSystemFonts().render(ReportWriter.html(view), pdf);
        } catch (ReportFonts.MissingFontException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), Map.of());
        }
        ctx.header("Content-Disposition", "attachment; filename=\"cloudwarden-report-" + view.created().substring(0, 10) + ".pdf\"");
        ctx.contentType("application/pdf").result(pdf.toByteArray());
    }
}
