package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Utf8;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The quarantine file: one JSON line per rejected line or record, with where it came from, why, and its
 * content (as text, or base64 when it is not valid UTF-8) so nothing read is lost and it can be fixed
 * and fed again. Created on the first rejection only.
 */
final class Quarantine implements Closeable {
    private final Path path;
    private JsonGenerator g;
    private long count;

    Quarantine(Path path) {
        this.path = path;
    }

    void add(Rejection r) throws IOException {
        if (g == null) {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            g = Json.FACTORY.createGenerator(w);
            g.setRootValueSeparator(new SerializedString("\n"));
        }
        g.writeStartObject();
        g.writeStringField("input", r.origin().input());
        if (r.origin().line() > 0) {
            g.writeNumberField("line", r.origin().line());
        }
        if (r.origin().recordIndex() >= 0) {
            g.writeNumberField("record", r.origin().recordIndex());
        }
        g.writeStringField("reason", r.reason());
        byte[] content = r.content();
        if (Utf8.firstInvalid(content, 0, content.length) < 0) {
            g.writeStringField("text", new String(content, StandardCharsets.UTF_8));
        } else {
            g.writeStringField("base64", Base64.getEncoder().encodeToString(content));
        }
        g.writeEndObject();
        count++;
    }

    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (g != null) {
            g.writeRaw('\n');
            g.close();
        }
    }
}
