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
