package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.ingest.read.Input;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file checks for parsers: an input file under {@code src/test/resources/golden/<source>/} is
 * read through the real {@link Ingestor} (autodetection included) and its events, rendered as
 * normalized NDJSON with raw records and origins (input as the bare file name), must equal
 * {@code <input>.expected.ndjson} line for line. Run with {@code -Dgolden.update=true} to rewrite the
 * expected files, then review the diff by hand before committing.
 */
public final class GoldenFiles {
    /** Fixed so that formats without a year (syslog) read the same on every run. */
    public static final Instant REFERENCE_TIME = Instant.parse("2026-06-30T12:00:00Z");

    private GoldenFiles() {
    }

    public static Path resource(String relative) {
        return Path.of("src/test/resources/golden").resolve(relative);
    }

    /** Reads the golden input; asserts zero rejections and the expected events. Returns the events. */
    public static List<Event> check(String relative) {
        return check(relative, IngestOptions.defaults());
    }

    public static List<Event> check(String relative, IngestOptions options) {
        Path input = resource(relative);
        Collected c = read(input, options);
        assertThat(c.rejections).as("rejections reading %s", relative).isEmpty();
        String actual = render(c.events);
        Path expected = input.resolveSibling(input.getFileName() + ".expected.ndjson");
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(expected)) {
                Files.writeString(expected, actual);
            }
            assertThat(actual).as("normalized events of %s (golden file %s)", relative, expected)
                    .isEqualTo(Files.readString(expected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.events;
    }

    public static Collected read(Path input, IngestOptions options) {
        try {
            byte[] bytes = Files.readAllBytes(input);
            Collected c = new Collected();
            new Ingestor(options).read(Input.bytes(input.getFileName().toString(), bytes, REFERENCE_TIME), c);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(List<Event> events) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (Event e : events) {
                EventJson.write(e, g, true, true);
                g.flush();
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A sink that keeps everything, for tests. */
    public static final class Collected extends CollectingSink {
        public String rejectionText(int i) {
            return new String(rejections.get(i).content(), StandardCharsets.UTF_8);
        }
    }
}
