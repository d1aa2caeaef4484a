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
    void theIndexListsEveryShippedRuleAndTestFile() throws IOException {
        List<String> onDisk;
        try (Stream<Path> s = Files.walk(SHIPPED)) {
            onDisk = s.filter(p -> p.toString().endsWith(".yml")).map(p -> SHIPPED.relativize(p).toString()).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(SHIPPED.resolve("index.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        assertThat(indexed).as("regenerate index.txt: (cd %s && find sigmahq cloudwarden -name '*.yml' | sort)", SHIPPED)
                .isEqualTo(onDisk);
    }

    @Test
    void builtInSeparatesRulesFromTheirTests() {
        List<RuleFile> rules = RuleFiles.builtIn();
        List<RuleFile> tests = RuleFiles.builtInTests();
        assertThat(rules).isNotEmpty().noneMatch(f -> RuleTestFileNames.isTestFile(f.name()));
        assertThat(tests).isNotEmpty().allMatch(f -> RuleTestFileNames.isTestFile(f.name()));
        assertThat(tests).allMatch(t -> t.name().startsWith("builtin:cloudwarden/"));
        for (RuleFile t : tests) {
            String rule = t.name().replaceFirst("\\.tests\\.yml$", ".yml");
            assertThat(rules).as("the rule beside %s", t.name()).anyMatch(r -> r.name().equals(rule));
        }
    }

    @Test
    void everyShippedRuleLoadsWithoutErrors() {
        RuleSet set = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        List<LoadedRule> sigmahq = set.rules().stream().filter(r -> r.rule().source().file().startsWith("builtin:sigmahq/")).toList();
        List<LoadedRule> ours = set.rules().stream().filter(r -> r.rule().source().file().startsWith("builtin:cloudwarden/")).toList();
        assertThat(sigmahq).hasSize(225);
        assertThat(sigmahq.stream().filter(r -> r.rule().logSource().product().equals("aws")).count()).isEqualTo(57);
        assertThat(ours).as("CloudWarden detection rules (correlations are counted apart)").hasSize(CLOUDWARDEN_DETECTION_RULES);
        assertThat(set.rules()).hasSize(225 + CLOUDWARDEN_DETECTION_RULES);
    }

    /** Detection rules of the CloudWarden pack ({@code cloudwarden/**}); its correlation rules are not in {@code rules()}. */
    private static final int CLOUDWARDEN_DETECTION_RULES = 155;
}
