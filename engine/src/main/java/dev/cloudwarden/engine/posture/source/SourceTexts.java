package dev.cloudwarden.engine.posture.source;

import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Reading a configuration file's text: bounded in size, UTF-8 (a bad byte becomes U+FFFD), without a BOM. */
public final class SourceTexts {
    private SourceTexts() {
    }

    /** The text of a file, or a problem naming it when it is too large or cannot be read. */
    public sealed interface Text permits Read, Unreadable {
    }

    public record Read(String text) implements Text {
    }

    public record Unreadable(ParseProblem problem) implements Text {
    }

    public static Text read(ConfigFile file) {
        long max = TreeLimits.MAX_CHARS;
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                return new Unreadable(new ParseProblem(Location.of(file.displayName(), 0),
                        "file is larger than " + max + " bytes"));
            }
            return new Read(decode(bytes));
        } catch (IOException | RuntimeException e) {
            return new Unreadable(new ParseProblem(Location.of(file.displayName(), 0), "cannot read: " + e));
        }
    }

    public static String decode(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (java.nio.charset.CharacterCodingException cannotHappen) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The file's name extension, lower case, without the dot ("" when none). */
    public static String extension(java.nio.file.Path file) {
        Object name = file.getFileName();
        String n = name == null ? "" : name.toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
