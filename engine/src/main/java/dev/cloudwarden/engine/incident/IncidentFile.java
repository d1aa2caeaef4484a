package dev.cloudwarden.engine.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudwarden.engine.event.Json;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A file of incident updates, one JSON object a line, as {@code scan --incidents} and the demo's
 * {@code results/incidents.ndjson} write them: read as a stream (a month of incidents need not fit in memory), a
 * line that is not an incident reported with its number and reason while the rest is read.
 */
public final class IncidentFile {
    /** A line that was not read, and why. */
    @FunctionalInterface
    public interface Problems {
        void at(int line, String reason);
    }

    private IncidentFile() {
    }

    /**
     * Calls {@code each} with every update of {@code file} in order; returns how many were read. Lines end at
     * {@code \n} (a {@code \r} before it is dropped); a line that is not UTF-8 is a problem, and the rest is read.
     */
    public static long forEach(Path file, Consumer<IncidentUpdate> each, Problems problems) throws IOException {
        long read = 0;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int n = 0;
            boolean more = true;
            while (more) {
                int b = in.read();
                if (b != '\n' && b != -1) {
                    bytes.write(b);
                    continue;
                }
                more = b != -1;
                if (!more && bytes.size() == 0) {
                    break;
                }
                n++;
                String line;
                try {
                    line = utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
                } catch (CharacterCodingException e) {
                    problems.at(n, "not UTF-8");
                    bytes.reset();
                    continue;
                }
                bytes.reset();
                if (line.isBlank()) {
                    continue;
                }
                IncidentUpdate update;
                try {
                    update = IncidentCodec.read(Json.MAPPER.readTree(line));
                } catch (JsonProcessingException e) {
                    problems.at(n, "not JSON: " + e.getOriginalMessage());
                    continue;
                } catch (RuntimeException e) {
                    // the codec names what is missing; a malformed time or number inside it is as much the line's fault
                    problems.at(n, "not an incident: " + e.getMessage());
                    continue;
                }
                each.accept(update);
                read++;
            }
        }
        return read;
    }
}
