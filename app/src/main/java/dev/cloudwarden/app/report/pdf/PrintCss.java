package dev.cloudwarden.app.report.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The report's rules for paper ({@code dev/cloudwarden/report/print.css}): A4 pages with margins, "page / pages" in
 * the footer, headings kept with what follows, tables that break between rows with their header repeated, and long
 * ids that wrap instead of running off the page. The HTML writer puts {@link #text()} in the report's
 * {@code <style>}; the same rules serve a browser's print and {@link PdfRenderer}.
 *
 * <p>What the HTML does for the PDF to paginate well:
 * <ul>
 *   <li>a {@code <title>}, {@code <html lang="en">} and {@code <meta name="dcterms.created" content="2026-03-31T23:59:59Z">}
 *       (the end of the report's period, an ISO-8601 instant): the PDF's title, language and dates;</li>
 *   <li>tables with a {@code <thead>} of {@code <th>} cells (repeated on every page) and a {@code <tbody>}; column
 *       widths as percentages on the header cells ({@code table-layout: fixed} takes them from there);</li>
 *   <li>charts as inline {@code <svg xmlns="http://www.w3.org/2000/svg">} with width and height (or a viewBox), inside
 *       a {@code <figure>} kept on one page; their text comes out as outlines, so a chart's numbers that must be
 *       searchable belong in a caption or a table too;</li>
 *   <li>layout in CSS 2.1 (blocks, tables, floats): the PDF renderer has no flexbox, grid or custom properties;</li>
 *   <li>{@code class="page-break"} on an element that starts a new page, {@code class="keep-together"} on a block
 *       that must not be cut in two.</li>
 * </ul>
 */
public final class PrintCss {
    static final String RESOURCE = "/dev/cloudwarden/report/print.css";
    private static final String TEXT = load();

    private PrintCss() {
    }

    /** The style sheet's text, to embed in a {@code <style>} element. */
    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = Objects.requireNonNull(PrintCss.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
