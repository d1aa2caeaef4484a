package dev.cloudwarden.app.report.pdf;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgExternalResourceMode;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgScriptMode;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the report's self-contained HTML into a PDF with the same content, in the JVM: jsoup parses the HTML5 as a
 * browser would, openhtmltopdf lays it out on pages (CSS paged media, {@link PrintCss}) and draws it with PDFBox,
 * the inline SVG charts through Batik, the text in embedded DejaVu fonts ({@link ReportFonts}).
 *
 * <p>Nothing is fetched: the report is self-contained, and a URL in it (an {@code <img>}, a CSS {@code url(...)}, an
 * SVG {@code <image>} or a style sheet link, which an attacker's string could only reach through a bug in the HTML
 * writer's escaping) is refused before any connection; only {@code data:} URIs are read. Scripts are never run.
 *
 * <p>The same HTML gives the same bytes: the PDF's dates are the report's own ({@code <meta name="dcterms.created"
 * content="2026-03-31T00:00:00Z">}, none when absent), never the wall clock, and its file identifier is a digest of the
 * HTML instead of PDFBox's time-based one.
 */
public final class PdfRenderer {
    private static final Logger LOG = Logger.getLogger(PdfRenderer.class.getName());
    /** The base URI relative references resolve against; no stream is ever opened for it. */
    private static final String BASE_URI = "about:blank";
    private static final float A4_WIDTH_MM = 210f;
    private static final float A4_HEIGHT_MM = 297f;
    static final String PRODUCER = "CloudWarden";
    static final String CREATED_META = "dcterms.created";

    static {
        XRLog.setLoggerImpl(new QuietLog());
    }

    private final ReportFonts fonts;

    public PdfRenderer(ReportFonts fonts) {
        this.fonts = fonts;
    }

    /** A renderer with the system's DejaVu fonts; fails with what to install when there are none. */
    public static PdfRenderer withSystemFonts() throws ReportFonts.MissingFontException {
        return new PdfRenderer(ReportFonts.system());
    }

    /** Writes the PDF to {@code pdf} through a temporary file beside it, so a failed render leaves no partial file. */
    public void render(String html, Path pdf) throws IOException {
        Path absolute = pdf.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                render(html, out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Writes the PDF to {@code out}, which stays open. */
    public void render(String html, OutputStream out) throws IOException {
        org.jsoup.nodes.Document parsed = Jsoup.parse(html, "");
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .withW3cDocument(W3CDom.convert(parsed), BASE_URI)
                .useDefaultPageSize(A4_WIDTH_MM, A4_HEIGHT_MM, PageSizeUnits.MM)
                .useFastMode()
                .withProducer(PRODUCER)
                .useUriResolver(PdfRenderer::resolveOffline)
                .useExternalResourceAccessControl(PdfRenderer::allowed, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl(PdfRenderer::allowed, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .useHttpStreamImplementation(REFUSED)
                .useProtocolsStreamImplementation(REFUSED, "http", "https", "file", "jar", "ftp")
                .useSVGDrawer(new BatikSVGDrawer(SvgScriptMode.SECURE, SvgExternalResourceMode.SECURE));
        fonts.register(builder);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            renderer.createPDFWithoutClosing();
            PDDocument document = renderer.getPdfDocument();
            describe(document, parsed, html);
            document.save(out);
        }
    }

    /** Title, language, the report's own date and an identifier derived from the HTML. */
    private static void describe(PDDocument document, org.jsoup.nodes.Document html, String source) {
        PDDocumentInformation info = document.getDocumentInformation();
        if (!html.title().isBlank()) {
            info.setTitle(html.title());
        }
        info.setProducer(PRODUCER);
        info.setCreator(PRODUCER);
        GregorianCalendar created = created(html);
        info.setCreationDate(created);
        info.setModificationDate(created);
        String lang = html.selectFirst("html") == null ? "" : html.selectFirst("html").attr("lang");
        if (!lang.isBlank()) {
            document.getDocumentCatalog().setLanguage(lang);
        }
        byte[] id = Arrays.copyOf(sha256(source), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /** The instant in {@code <meta name="dcterms.created">}, or null (no date in the PDF) when absent or unreadable. */
    private static GregorianCalendar created(org.jsoup.nodes.Document html) {
        Element meta = html.selectFirst("meta[name=" + CREATED_META + "]");
        if (meta == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(meta.attr("content").trim());
            return GregorianCalendar.from(at.atZone(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            LOG.warning(() -> "report PDF: ignoring unreadable " + CREATED_META + " " + meta.attr("content"));
            return null;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    static boolean allowed(String uri, ExternalResourceType type) {
        return uri != null && uri.regionMatches(true, 0, "data:", 0, 5);
    }

    /** Leaves data: URIs as they are and resolves nothing else (null: openhtmltopdf then skips the resource). */
    private static String resolveOffline(String base, String uri) {
        if (allowed(uri, null)) {
            return uri;
        }
        LOG.fine(() -> "report PDF: refused to load " + uri);
        return null;
    }

    /** Behind the resolver and the access control: any stream that is still asked for is empty. */
    private static final FSStreamFactory REFUSED = url -> new FSStream() {
        @Override
        public InputStream getStream() {
            LOG.fine(() -> "report PDF: refused to open " + url);
            return null;
        }

        @Override
        public Reader getReader() {
            return null;
        }
    };

    /**
     * openhtmltopdf's messages (a refused URL, a CSS property meant for browsers, its timings) go to this class's
     * logger at FINE instead of its own console handler: the report's reader has nothing to do about them.
     */
    private static final class QuietLog implements XRLogger {
        @Override
        public void log(String where, Level level, String message) {
            LOG.log(Level.FINE, () -> where + ": " + message);
        }

        @Override
        public void log(String where, Level level, String message, Throwable error) {
            LOG.log(Level.FINE, error, () -> where + ": " + message);
        }

        @Override
        public void setLevel(String logger, Level level) {
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return LOG.isLoggable(Level.FINE);
        }
    }
}
