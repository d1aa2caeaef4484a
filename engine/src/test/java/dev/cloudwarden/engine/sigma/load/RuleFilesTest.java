package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RuleFilesTest {
    private static final Path SHIPPED = Path.of("src/main/resources/dev/cloudwarden/rules");

    @Test
    void theIndexListsEveryShippedRuleFile() throws IOException {
        List<String> onDisk;
        try (Stream<Path> s = Files.walk(SHIPPED)) {
            onDisk = s.filter(p -> p.toString().endsWith(".yml")).map(p -> SHIPPED.relativize(p).toString()).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(SHIPPED.resolve("index.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        assertThat(indexed).as("regenerate index.txt: (cd %s && find sigmahq -name '*.yml' | sort)", SHIPPED)
                .isEqualTo(onDisk);
    }

    @Test
    void everyShippedRuleLoadsWithoutErrors() {
        RuleSet set = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        assertThat(set.rules()).hasSize(225);
        assertThat(set.rules().stream().filter(r -> r.rule().logSource().product().equals("aws")).count()).isEqualTo(57);
    }
}
