package dev.cloudwarden.app.report.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The TrueType fonts a PDF report embeds: DejaVu (Latin, Greek, Cyrillic, punctuation and symbols), found in a font
 * directory of the system. The PDF's built-in fonts cover only WinAnsi and are not embedded, so every family the
 * report may name (the DejaVu names, and the generic sans-serif, serif, monospace and system-ui) is bound to a
 * DejaVu face, and DejaVu Sans is the fallback for a character the named face lacks.
 */
public final class ReportFonts {
    /** Where the fonts are looked for when {@value #DIRECTORY_VARIABLE} is not set: Debian, Fedora, Arch, macOS. */
    static final List<Path> SYSTEM_DIRECTORIES = List.of(
            Path.of("/usr/share/fonts/truetype/dejavu"),
            Path.of("/usr/share/fonts/dejavu-sans-fonts"),
            Path.of("/usr/share/fonts/dejavu"),
            Path.of("/usr/share/fonts/TTF"),
            Path.of("/usr/local/share/fonts"),
            Path.of("/Library/Fonts"));
    /** A directory holding DejaVuSans.ttf and its siblings, searched instead of the system's. */
    public static final String DIRECTORY_VARIABLE = "CLOUDWARDEN_FONT_DIR";
    static final String REQUIRED = "DejaVuSans.ttf";
    private static final String FALLBACK_FAMILY = "cloudwarden-fallback";

    private record Face(String file, int weight, FontStyle style, String... families) {
    }

    private static final List<Face> FACES = List.of(
            new Face(REQUIRED, 400, FontStyle.NORMAL, "DejaVu Sans", "sans-serif", "system-ui"),
            new Face("DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL, "DejaVu Sans", "sans-serif", "system-ui"),
            new Face("DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC, "DejaVu Sans", "sans-serif", "system-ui"),
            new Face("DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC, "DejaVu Sans", "sans-serif", "system-ui"),
            new Face("DejaVuSerif.ttf", 400, FontStyle.NORMAL, "DejaVu Serif", "serif"),
            new Face("DejaVuSerif-Bold.ttf", 700, FontStyle.NORMAL, "DejaVu Serif", "serif"),
            new Face("DejaVuSansMono.ttf", 400, FontStyle.NORMAL, "DejaVu Sans Mono", "monospace"),
            new Face("DejaVuSansMono-Bold.ttf", 700, FontStyle.NORMAL, "DejaVu Sans Mono", "monospace"));

    private final Path directory;

    private ReportFonts(Path directory) {
        this.directory = directory;
    }

    /** The fonts in {@code directory}, which must hold at least {@value #REQUIRED}. */
    public static ReportFonts in(Path directory) throws MissingFontException {
        if (!Files.isRegularFile(directory.resolve(REQUIRED))) {
            throw new MissingFontException(List.of(directory));
        }
        return new ReportFonts(directory);
    }

    /** The fonts in {@value #DIRECTORY_VARIABLE} when set, else in the first system directory that has them. */
    public static ReportFonts system() throws MissingFontException {
        String configured = System.getenv(DIRECTORY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return in(Path.of(configured));
        }
        Optional<Path> found = SYSTEM_DIRECTORIES.stream().filter(d -> Files.isRegularFile(d.resolve(REQUIRED))).findFirst();
        return new ReportFonts(found.orElseThrow(() -> new MissingFontException(SYSTEM_DIRECTORIES)));
    }

    public Path directory() {
        return directory;
    }

    /** Binds every face present in the directory to its families, for the document and its SVG charts. */
    void register(PdfRendererBuilder builder) {
        for (Face face : FACES) {
            Path file = directory.resolve(face.file());
            if (!Files.isRegularFile(file)) {
                continue; // a missing bold or mono face falls back to DejaVu Sans (synthesised bold where needed)
            }
            for (String family : face.families()) {
                builder.useFont(file.toFile(), family, face.weight(), face.style(), true, EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.SVG));
            }
        }
        // A family of its own: openhtmltopdf then picks the regular face for the document's normal text; declared
        // on "DejaVu Sans" itself, the fallback took the place of the regular face and everything came out bold.
        builder.useFont(directory.resolve(REQUIRED).toFile(), FALLBACK_FAMILY, 400, FontStyle.NORMAL, true,
                EnumSet.of(FSFontUseCase.FALLBACK_PRE));
    }

    /** No DejaVu Sans where it was looked for: a PDF with the built-in, unembedded WinAnsi fonts would lose text. */
    public static final class MissingFontException extends IOException {
        MissingFontException(List<Path> searched) {
            super("no " + REQUIRED + " in " + searched.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + ": the PDF report embeds the DejaVu fonts; install them (Debian and Ubuntu: apt-get install"
                    + " fonts-dejavu-core) or set " + DIRECTORY_VARIABLE + " to a directory holding " + REQUIRED);
        }
    }
}
