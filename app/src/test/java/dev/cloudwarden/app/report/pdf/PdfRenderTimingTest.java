package dev.cloudwarden.app.report.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a 100-page report takes to render (measured, not asserted; BENCHMARKS.md has the figure):
 * {@code mvn -B -o -q -pl engine,simulate,app test -Dtest=PdfRenderTimingTest -Dcloudwarden.bench=true}.
 */
@EnabledIfSystemProperty(named = "cloudwarden.bench", matches = "true")
class PdfRenderTimingTest {
    /** About 13 rows a page in the sample report's 400-row table (32 pages): 1300 rows make 100 pages. */
    private static final int ROWS = 1300;
    private static final int ROUNDS = 5;

    @Test
    void aHundredPageReport() throws IOException {
        PdfRenderer renderer = PdfRenderer.withSystemFonts();
        String html = SampleReport.html(ROWS);
        byte[] pdf = render(renderer, html); // warm-up
        long[] millis = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            render(renderer, html);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        try (PDDocument loaded = Loader.loadPDF(pdf)) {
            System.out.printf("PDF report: %d pages, %d bytes of HTML, %d bytes of PDF; %d rounds after a warm-up:"
                    + " median %d ms, best %d ms, all %s%n", loaded.getNumberOfPages(), html.length(), pdf.length,
                    ROUNDS, millis[ROUNDS / 2], millis[0], Arrays.toString(millis));
            assertThat(loaded.getNumberOfPages()).isGreaterThan(1);
        }
    }

    private static byte[] render(PdfRenderer renderer, String html) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(html, out);
        return out.toByteArray();
    }
}
