package dev.cloudwarden.app.report.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

class PdfRendererTest {
    private static final int ROWS = 400;
    private static PdfRenderer renderer;
    private static byte[] report;

    @BeforeAll
    static void renderOnce() throws IOException {
        renderer = PdfRenderer.withSystemFonts();
        report = render(SampleReport.html(ROWS));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "sample-report.pdf"), report); // to look at
    }

    private static byte[] render(String html) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(html, out);
        return out.toByteArray();
    }

    @Test
    void everyRowAppearsExactlyOnceAcrossPagesWithTheHeaderRepeated() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(report)) {
            // 400 rows of two or three lines (the id wraps) at 10pt: 15 to 30 rows a page, plus the summary
            assertThat(pdf.getNumberOfPages()).isBetween(8, 40);
            String text = new PDFTextStripper().getText(pdf);
            String joined = text.replaceAll("\\s+", "");
            for (int i = 0; i < ROWS; i++) {
                assertThat(occurrences(joined, SampleReport.id(i))).as("row %d's id", i).isEqualTo(1);
            }
            assertThat(occurrences(text, SampleReport.HEADER)).as("table header on every page of the table")
                    .isGreaterThanOrEqualTo(pdf.getNumberOfPages() - 1);
            int pages = pdf.getNumberOfPages();
            assertThat(text).contains("1 / " + pages).contains(pages + " / " + pages);
        }
    }

    @Test
    void attackerControlledStringsAndNonAsciiTextAppearLiterally() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(report)) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            for (String hostile : SampleReport.HOSTILE) {
                assertThat(text).contains(hostile);
            }
            assertThat(text).contains(SampleReport.NON_ASCII).contains("—");
            assertThat(text).doesNotContain("forged\n");
        }
    }

    @Test
    void textStaysInsideThePageAndFontsAreEmbedded() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(report)) {
            List<String> outside = new ArrayList<>();
            PDFTextStripper bounds = new PDFTextStripper() {
                @Override
                protected void writeString(String string, List<TextPosition> positions) throws IOException {
                    float width = getCurrentPage().getMediaBox().getWidth();
                    for (TextPosition p : positions) {
                        if (p.getXDirAdj() < 0 || p.getXDirAdj() + p.getWidthDirAdj() > width + 0.5f) {
                            outside.add(p.getUnicode() + " in '" + string + "' on page " + getCurrentPageNo());
                        }
                    }
                    super.writeString(string, positions);
                }
            };
            bounds.getText(pdf);
            assertThat(outside).isEmpty();
            for (PDPage page : pdf.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isCloseTo(595.3f, within());
                assertThat(page.getMediaBox().getHeight()).isCloseTo(841.9f, within());
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).contains("DejaVu");
                }
            }
        }
    }

    private static org.assertj.core.data.Offset<Float> within() {
        return org.assertj.core.data.Offset.offset(1f);
    }

    @Test
    void titleAndDatesComeFromTheReport() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(report)) {
            var info = pdf.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo(SampleReport.TITLE);
            assertThat(info.getProducer()).isEqualTo("CloudWarden");
            assertThat(info.getCreationDate().toInstant()).isEqualTo(Instant.parse(SampleReport.CREATED));
            assertThat(info.getModificationDate().toInstant()).isEqualTo(Instant.parse(SampleReport.CREATED));
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en");
        }
    }

    @Test
    void theSameHtmlGivesTheSameBytes() throws IOException {
        assertThat(render(SampleReport.html(ROWS))).isEqualTo(report);
        assertThat(render(SampleReport.html(ROWS - 1))).isNotEqualTo(report);
    }

    @Test
    void pagesRenderToImagesAndTheChartIsDrawn(@TempDir Path dir) throws Exception {
        Path pdftoppm = Path.of(System.getenv().getOrDefault("CLOUDWARDEN_PDFTOPPM", "/usr/bin/pdftoppm"));
        if (!Files.isExecutable(pdftoppm)) {
            String message = "no pdftoppm at " + pdftoppm + ": apt-get install poppler-utils to look at the rendered pages";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            abort(message);
        }
        Path pdf = dir.resolve("report.pdf");
        renderer.render(SampleReport.html(ROWS), pdf);
        assertThat(Files.readAllBytes(pdf)).isEqualTo(report);
        Process process = new ProcessBuilder(pdftoppm.toString(), "-r", "50", "-png", pdf.toString(), dir.resolve("page").toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        File[] images = dir.toFile().listFiles((d, name) -> name.startsWith("page") && name.endsWith(".png"));
        assertThat(images).isNotNull();
        Arrays.sort(images);
        try (PDDocument loaded = Loader.loadPDF(report)) {
            assertThat(images).hasSize(loaded.getNumberOfPages());
        }
        BufferedImage first = ImageIO.read(images[0]);
        int ink = 0;
        int bars = 0;
        int bar = Integer.parseInt(SampleReport.BAR_RGB.substring(1), 16);
        for (int y = 0; y < first.getHeight(); y++) {
            for (int x = 0; x < first.getWidth(); x++) {
                int rgb = first.getRGB(x, y) & 0xffffff;
                ink += rgb != 0xffffff ? 1 : 0;
                bars += near(rgb, bar) ? 1 : 0;
            }
        }
        assertThat(ink).as("non-white pixels on page 1").isGreaterThan(1000);
        assertThat(bars).as("pixels in the chart's bar colour on page 1").isGreaterThan(500);
    }

    private static boolean near(int rgb, int target) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > 24) {
                return false;
            }
        }
        return true;
    }

    @Test
    void nothingIsFetchedFromTheNetworkOrTheDisk(@TempDir Path dir) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort();
            Path local = Files.writeString(dir.resolve("secret.css"), "body { background: #ff0000; }");
            String hostile = "<img src=\"" + url + "/pixel.png\" alt=\"\">"
                    + "<div style=\"background-image: url('" + url + "/bg.png'); height: 20px\">bg</div>"
                    + "<link rel=\"stylesheet\" href=\"" + url + "/style.css\">"
                    + "<link rel=\"stylesheet\" href=\"" + local.toUri() + "\">"
                    + "<style>@import url(\"" + url + "/import.css\"); @font-face { font-family: x; src: url(" + url
                    + "/font.ttf); }</style>"
                    + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"50\""
                    + " height=\"50\"><image xlink:href=\"" + url + "/svg.png\" href=\"" + url
                    + "/svg2.png\" width=\"50\" height=\"50\"/></svg>"
                    + "<iframe src=\"" + url + "/frame\"></iframe><object data=\"" + url + "/object\"></object>"
                    + "<img src=\"data:image/png;base64," + ONE_PIXEL_PNG + "\" alt=\"inline\">";
            byte[] pdf = render(SampleReport.html(3, hostile));
            server.setSoTimeout(300);
            try {
                server.accept().close();
                fail("the renderer connected to " + url);
            } catch (SocketTimeoutException expected) {
                // no connection was made
            }
            try (PDDocument loaded = Loader.loadPDF(pdf)) {
                assertThat(new PDFTextStripper().getText(loaded)).contains("bg");
            }
        }
    }

    private static final String ONE_PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    @Test
    void withoutTheFontsTheErrorSaysWhatToInstall(@TempDir Path empty) {
        assertThatThrownBy(() -> ReportFonts.in(empty))
                .isInstanceOf(ReportFonts.MissingFontException.class)
                .hasMessageContaining("DejaVuSans.ttf").hasMessageContaining("fonts-dejavu-core")
                .hasMessageContaining(ReportFonts.DIRECTORY_VARIABLE);
    }

    @Test
    void printCssCarriesThePageAndTableRules() {
        assertThat(PrintCss.text()).contains("@page", "size: A4", "counter(page) \" / \" counter(pages)",
                "thead { display: table-header-group; }", "page-break-inside: avoid", "overflow-wrap: anywhere");
    }

    private static int occurrences(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
