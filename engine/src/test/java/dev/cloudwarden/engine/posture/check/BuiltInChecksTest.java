package dev.cloudwarden.engine.posture.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInChecksTest {
    @Test
    void everyCheckFileIsListedAndLoadsWithoutErrors() throws IOException, URISyntaxException {
        Path folder = Path.of(BuiltInChecks.class.getResource(BuiltInChecks.FOLDER).toURI());
        List<String> onDisk;
        try (Stream<Path> s = Files.walk(folder)) {
            onDisk = s.filter(p -> p.toString().endsWith(".yaml")).map(p -> BuiltInChecks.FOLDER + folder.relativize(p))
                    .sorted().toList();
        }
        assertThat(BuiltInChecks.files()).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(BuiltInChecks.all()).isNotEmpty();
    }

    /** Built-in conditions compile when first run; this is where a broken one fails, with the user's loader's message. */
    @Test
    void everyBuiltInFileLoadsAsAUsersFileWouldEveryConditionCompiled() {
        int compiled = 0;
        for (String file : BuiltInChecks.files()) {
            String text;
            try (var in = BuiltInChecks.class.getResourceAsStream(file)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            CheckLoader.Loaded loaded = new CheckLoader().load(file, text);
            assertThat(loaded.errors()).as(file).isEmpty();
            compiled += (int) loaded.checks().stream().filter(c -> c.condition() instanceof CelCondition).count();
        }
        long cel = BuiltInChecks.all().stream().filter(c -> c.condition() instanceof CelCondition).count();
        assertThat(compiled).isEqualTo(cel).isGreaterThan(500);
    }

    @Test
    void everyCheckSaysWhatItGuardsAgainst() {
        for (Check c : BuiltInChecks.all()) {
            assertThat(c.title()).as(c.id()).isNotBlank();
            assertThat(c.threats()).as(c.id() + " threats").allMatch(t -> t.matches("[TAMR][1-9]"));
        }
    }
}
