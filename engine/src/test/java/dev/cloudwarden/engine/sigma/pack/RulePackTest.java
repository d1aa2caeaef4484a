package dev.cloudwarden.engine.sigma.pack;

import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.ruletest.RuleTestFile;
import dev.cloudwarden.engine.sigma.ruletest.RuleTestRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static dev.cloudwarden.engine.sigma.pack.PackFixtures.RULES;
import static org.assertj.core.api.Assertions.assertThat;

/** The CloudWarden rule pack: loads cleanly, its shipped test cases pass, and it covers the threat catalog. */
class RulePackTest {
    private static final Pattern ATTACK = Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");
    private static final Pattern CATALOG = Pattern.compile("cloudwarden\\.([tam]\\d)");

    /**
     * Catalog rows with at least one Sigma rule. Every T, A and M row is here: each has a Sigma-expressible part
     * (T4 through its trusted cross-account connections; M4/M5/M6 through their family signatures). What is not
     * Sigma (volume baselines, first-seen and beaconing, vhost bursts, download volume) is built as detectors.
     */
    private static final Set<String> COVERED = new TreeSet<>(List.of(
            "t1", "t2", "t3", "t4", "t5", "a1", "a2", "a3", "a4", "a5", "a6", "m1", "m2", "m3", "m4", "m5", "m6"));

    @Test
    void everyBuiltInRuleLoadsWithoutErrors() {
        assertThat(RULES.errors()).isEmpty();
        assertThat(PackFixtures.ours()).hasSize(155);
        assertThat(PackFixtures.oursCorrelations()).hasSize(29);
    }

    @Test
    void everyShippedTestCasePasses() {
        List<RuleTestFile> files = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        for (RuleFile f : RuleFiles.builtInTests()) {
            RuleTestFile.Result r = RuleTestFile.parse(f.name(), f.text());
            errors.addAll(r.errors());
            if (r.file() != null) {
                files.add(r.file());
            }
        }
        assertThat(errors).isEmpty();
        List<RuleTestRunner.Outcome> outcomes = RuleTestRunner.run(RULES, files);
        assertThat(outcomes.stream().filter(o -> !o.passed())
                .map(o -> o.file().file() + " / " + o.testCase().name() + ": " + o.message()).toList()).isEmpty();
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(2 * PackFixtures.ours().size());
    }

    @Test
    void everyDetectionRuleShipsAMatchingAndANonMatchingCase() {
        List<RuleFile> tests = RuleFiles.builtInTests();
        for (LoadedRule r : PackFixtures.ours()) {
            String testFile = r.rule().source().file().replaceFirst("\\.yml$", ".tests.yml");
            RuleFile f = tests.stream().filter(t -> t.name().equals(testFile)).findFirst().orElse(null);
            assertThat(f).as("test file beside %s", r.rule().source().file()).isNotNull();
            RuleTestFile parsed = RuleTestFile.parse(f.name(), f.text()).file();
            assertThat(parsed.cases()).as(testFile).anyMatch(c -> c.expectMatch()).anyMatch(c -> !c.expectMatch());
        }
    }

    @Test
    void everyRuleCarriesMetadataAndTheTagsOfItsCatalogRow() {
        List<String> problems = new ArrayList<>();
        for (LoadedRule r : PackFixtures.ours()) {
            var rule = r.rule();
            check(problems, rule.source().file(), rule.tags(), rule.name());
            if (!"CloudWarden".equals(rule.author()) || rule.date() == null || !rule.date().matches("\\d{4}-\\d{2}-\\d{2}") || rule.falsePositives().isEmpty()
                    || rule.description() == null || rule.level() == null || rule.id() == null) {
                problems.add(rule.source().file() + ": author, date, description, falsepositives, level and id are required");
            }
        }
        for (CorrelationRule c : PackFixtures.oursCorrelations()) {
            check(problems, c.source().file(), c.tags(), c.name());
            if (c.level() == null || c.id() == null || c.description() == null) {
                problems.add(c.source().file() + ": level, id and description are required");
            }
        }
        assertThat(problems).isEmpty();
        Set<String> ids = new TreeSet<>();
        PackFixtures.ours().forEach(r -> ids.add(r.rule().id()));
        PackFixtures.oursCorrelations().forEach(c -> ids.add(c.id()));
        assertThat(ids).as("unique ids").hasSize(PackFixtures.ours().size() + PackFixtures.oursCorrelations().size());
    }

    /**
     * The folder of rules that are evidence for several catalog rows, such as an outbound flood (DemonBot and
     * AESDDoS both flood): a catalog tag on them would name a malware family the alert cannot tell apart.
     */
    private static final String SHARED = "shared";

    /**
     * Folders of the breadth rules, one per log source: behaviours a cloud detection product is expected to cover
     * beyond the catalog (discovery, persistence, identity attacks). They carry a catalog tag only where the
     * behaviour is one of the catalog's rows.
     */
    private static final Set<String> BY_SOURCE = Set.of("aws", "k8s", "gcp", "azure", "network");

    private static void check(List<String> problems, String file, List<String> tags, String name) {
        if (tags.stream().noneMatch(t -> ATTACK.matcher(t).matches())) {
            problems.add(file + ": no ATT&CK technique tag");
        }
        String folder = file.replaceFirst("^builtin:cloudwarden/([^/]+)/.*$", "$1");
        if (folder.equals(SHARED)) {
            if (tags.stream().anyMatch(t -> t.startsWith("cloudwarden."))) {
                problems.add(file + ": a shared rule is evidence for several catalog rows, so it names none");
            }
        } else if (!BY_SOURCE.contains(folder) && !tags.contains("cloudwarden." + folder)) {
            problems.add(file + ": no cloudwarden." + folder + " tag for its folder");
        }
        if (name == null || !name.matches("[a-z0-9_]+")) {
            problems.add(file + ": name must be snake_case, is " + name);
        }
    }

    @Test
    void everyCatalogRowSigmaCanExpressHasARule() {
        Set<String> covered = new TreeSet<>();
        PackFixtures.ours().forEach(r -> r.rule().tags().forEach(t -> addCatalog(covered, t)));
        PackFixtures.oursCorrelations().forEach(c -> c.tags().forEach(t -> addCatalog(covered, t)));
        assertThat(covered).isEqualTo(COVERED);
    }

    private static void addCatalog(Set<String> out, String tag) {
        var m = CATALOG.matcher(tag);
        if (m.matches()) {
            out.add(m.group(1));
        }
    }
}
