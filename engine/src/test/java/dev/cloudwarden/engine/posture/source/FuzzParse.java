package dev.cloudwarden.engine.posture.source;

import dev.cloudwarden.engine.posture.model.Attributes;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fuzz invariant shared by every posture parser: any bytes give a ParsedConfig, never an exception. */
public final class FuzzParse {
    private FuzzParse() {
    }

    public static ParsedConfig parse(ConfigSource.PerFile source, String fileName, byte[] input) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("posture-fuzz");
            Path file = dir.resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.write(file, input);
            String head = new String(input, 0, Math.min(input.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
            source.accepts(file, head);
            ParsedConfig parsed = source.parse(new ConfigFile(file, fileName));
            assertThat(parsed).isNotNull();
            for (ConfigResource r : parsed.resources()) {
                // Attributes were frozen on construction: plain data all the way down, renderable.
                assertThat(r.attributes()).isEqualTo(Attributes.freeze(r.attributes()));
                assertThat(PostureGolden.render(new ParsedConfig(java.util.List.of(r), java.util.List.of()))).isNotEmpty();
            }
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }
        }
    }
}
