package dev.cloudwarden.engine.posture.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for parsers: a parse rendered as JSON (unknown values as {@code {"$unknown": expression,
 * "references": [...]}}) and compared with the file beside the input. Run with
 * {@code -Dcloudwarden.golden.update=true} to rewrite the expected files, then review the diff.
 */
public final class GoldenResources {
    private static final Path RESOURCES = Path.of("src/test/resources");

    private GoldenResources() {
    }

    /** The test resource folder of a test class's package. */
    public static Path folder(Class<?> test) {
        return RESOURCES.resolve(test.getPackageName().replace('.', '/'));
    }

    public static void assertGolden(ParsedConfig parsed, Path expected) {
        String actual = render(parsed);
        if (Boolean.getBoolean("cloudwarden.golden.update")) {
            try {
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(ParsedConfig parsed) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> resources = new ArrayList<>();
        for (ConfigResource r : parsed.resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("framework", r.framework().id());
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("id", r.id());
            m.put("lines", r.location().line() + "-" + r.location().endLine());
            m.put("references", r.references());
            List<Object> skips = new ArrayList<>();
            for (InlineSkip s : r.skips()) {
                Map<String, Object> skip = new LinkedHashMap<>();
                skip.put("checkId", s.checkId());
                skip.put("reason", s.reason());
                skips.add(skip);
            }
            m.put("skips", skips);
            m.put("attributes", plain(r.attributes()));
            resources.add(m);
        }
        out.put("resources", resources);
        out.put("problems", parsed.problems().stream().map(Object::toString).toList());
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object plain(Object v) {
        if (v instanceof Unknown u) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("$unknown", u.expression());
            m.put("references", u.references());
            return m;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, x) -> m.put(String.valueOf(k), plain(x)));
            return m;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(GoldenResources::plain).toList();
        }
        return v;
    }
}
