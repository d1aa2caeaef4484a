package dev.cloudwarden.engine.posture.source;

import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A configuration file's text, read whole with a size cap, or the problem that stopped it: a file too big or not text
 * is reported, never thrown.
 */
public record SourceText(String text, ParseProblem problem) {
    /** Configuration files are small; anything bigger than this is not one, or not one we should hold in memory. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    public boolean failed() {
        return problem != null;
    }

    private static SourceText ok(String text) {
        return new SourceText(text, null);
    }

    private static SourceText fail(ParseProblem problem) {
        return new SourceText(null, problem);
    }

    public static SourceText read(ConfigFile file) {
        return read(file, MAX_BYTES);
    }

    public static SourceText read(ConfigFile file, long maxBytes) {
        try {
            long size = Files.size(file.path());
            if (size > maxBytes) {
                return fail(new ParseProblem(Location.of(file.displayName(), 0),
                        "file is " + size + " bytes, more than the " + maxBytes + " a configuration file may have"));
            }
            return decode(file.displayName(), Files.readAllBytes(file.path()));
        } catch (IOException | RuntimeException e) {
            return fail(new ParseProblem(Location.of(file.displayName(), 0), "cannot read: " + e.getMessage()));
        }
    }

    /** Strict UTF-8 (a leading byte-order mark dropped): a binary file is a problem, not garbled text. */
    public static SourceText decode(String displayName, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return ok(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return fail(new ParseProblem(Location.of(displayName, 0), "not UTF-8 text"));
        }
    }
}
