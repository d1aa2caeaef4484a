package dev.cloudwarden.engine.posture.source;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for posture sources: a parsed file rendered as pretty JSON (resources with every field, unknowns as
 * {@code {"$unknown": expression}}, problems) must equal {@code <input>.expected.json}. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files, then review the diff by hand.
 */
public final class PostureGolden {
    public static final Path ROOT = Path.of("src/test/resources/dev/cloudwarden/engine/posture/source");

    private PostureGolden() {
    }

    public static void check(ConfigSource.PerFile source, Path input) {
        String display = ROOT.relativize(input).toString().replace('\\', '/');
        ParsedConfig parsed = source.parse(new ConfigFile(input, display));
        String actual = render(parsed);
        Path expected = input.resolveSibling(input.getFileName() + ".expected.json");
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
            }
            assertThat(expected).as("golden file for " + input).exists();
            assertThat(actual).as("parsed " + input).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(ParsedConfig parsed) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeArrayFieldStart("resources");
            for (ConfigResource r : parsed.resources()) {
                g.writeStartObject();
                g.writeStringField("framework", r.framework().id());
                g.writeStringField("type", r.type());
                g.writeStringField("name", r.name());
                g.writeStringField("id", r.id());
                g.writeStringField("location", r.location().file() + ":" + r.location().line() + "-" + r.location().endLine());
                g.writeFieldName("attributes");
                write(g, r.attributes());
                g.writeFieldName("references");
                write(g, r.references());
                g.writeArrayFieldStart("skips");
                for (InlineSkip s : r.skips()) {
                    g.writeString(s.checkId() + ":" + s.reason());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("problems");
            for (ParseProblem p : parsed.problems()) {
                g.writeString(p.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object x : l) {
                write(g, x);
            }
            g.writeEndArray();
        } else if (v instanceof Unknown u) {
            g.writeStartObject();
            g.writeStringField("$unknown", u.expression());
            g.writeEndObject();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v == null) {
            g.writeNull();
        } else {
            throw new IllegalStateException("not plain data: " + v.getClass());
        }
    }

    /** A file under the shared datasets, or null (the test then skips with a message). */
    public static Path dataset(String relative) {
        Path p = CheckovExamples.dataset(relative);
        return Files.exists(p) ? p : null;
    }

    /** Parses text written by a test as if it were a file of that name. */
    public static ParsedConfig parseText(ConfigSource.PerFile source, Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return source.parse(new ConfigFile(file, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
