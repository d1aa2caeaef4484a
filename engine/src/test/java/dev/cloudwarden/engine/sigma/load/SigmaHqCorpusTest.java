package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole SigmaHQ repository as shipped in ../shared/datasets/sigma: every rule file parses and
 * compiles. Skipped, with the reason, when the datasets are not on the machine.
 */
class SigmaHqCorpusTest {

    private static Path sigmaDataset() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/datasets/sigma"), dir.resolve("../shared/datasets/sigma").normalize())) {
                if (Files.isRegularFile(candidate.resolve("rules-all.tar.gz"))) {
                    return candidate;
                }
            }
        }
        Assumptions.abort("../shared/datasets/sigma/rules-all.tar.gz not found: the SigmaHQ corpus test is skipped");
        return null;
    }

    private static List<RuleFile> untar(Path tarGz) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarGz)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile() && (e.getName().endsWith(".yml") || e.getName().endsWith(".yaml"))) {
                    files.add(new RuleFile(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return files;
    }

    @Test
    void everySigmaHqRuleLoads() throws IOException {
        Path sigma = sigmaDataset();
        List<RuleFile> rules = untar(sigma.resolve("rules-all.tar.gz"));
        RuleSet set = RuleSet.compile(rules, SigmaConfig.defaults());
        assertThat(rules).hasSize(3141);
        assertThat(set.errors()).extracting(RuleError::toString).isEmpty();
        assertThat(set.rules()).hasSize(3141);
    }

    @Test
    void everyExtraSigmaHqRuleLoads() throws IOException {
        Path sigma = sigmaDataset();
        List<RuleFile> rules = untar(sigma.resolve("rules-extra.tar.gz"));
        RuleSet set = RuleSet.compile(rules, SigmaConfig.defaults());
        // rules-placeholder uses |expand with the standard placeholders; without values configured they are
        // rejected, as the specification requires of tools that cannot fill them.
        List<RuleError> unexpected = set.errors().stream()
                .filter(e -> e.code() != dev.cloudwarden.engine.sigma.parse.RuleErrorCode.UNKNOWN_PLACEHOLDER).toList();
        assertThat(unexpected).extracting(RuleError::toString).isEmpty();
        assertThat(rules).hasSize(639);
        assertThat(set.rules()).hasSize(614);
        assertThat(set.errors()).hasSize(25);
        assertThat(set.errors()).allSatisfy(e -> assertThat(e.message()).matches("placeholder %[^%]+% has no values in the configuration"));
    }
}
