package dev.cloudwarden.app.hunt;

import dev.cloudwarden.app.store.SavedHunt;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code hunt --rule} over archived events matches what {@code scan}'s detection run matches over the same events. */
class RuleHuntTest {
    @TempDir
    static Path dir;
    private static List<Event> events;
    private static ArchiveLayout layout;

    @BeforeAll
    static void archive() throws IOException {
        List<Path> files;
        try (Stream<Path> ct = Files.list(DatasetEvents.GOLDEN.resolve("cloudtrail"))) {
            files = new java.util.ArrayList<>(ct.filter(p -> !p.toString().endsWith(".ndjson") && !p.toString().endsWith(".txt")
                    && !p.getFileName().toString().equals("digest.json")).sorted().toList());
        }
        files.addAll(DatasetEvents.mixed().subList(3, 5)); // flow and sshd: events the AWS rules must not select
        events = DatasetEvents.read(files);
        layout = new ArchiveLayout(dir.resolve("events"));
        try (EventArchive archive = EventArchive.open(layout)) {
            for (Event e : events) {
                archive.add(e);
            }
        }
    }

    @Test
    void sigmaHqCloudTrailRulesMatchWhatScanMatches() throws Exception {
        List<RuleFile> rules = RuleFiles.builtIn().stream().filter(f -> f.name().contains("/aws/cloudtrail/")).toList();
        assertThat(rules).hasSizeGreaterThan(50);
        Set<String> scanned = scan(rules);
        Set<String> hunted = hunt(rules);
        assertThat(hunted).isEqualTo(scanned);
        assertThat(scanned.stream().map(s -> s.substring(0, s.indexOf(' '))).distinct().count())
                .as("rules firing on the dataset").isGreaterThanOrEqualTo(3);
    }

    @Test
    void cloudWardenAwsAndSshdRulesMatchWhatScanMatches() throws Exception {
        List<RuleFile> rules = RuleFiles.builtIn().stream()
                .filter(f -> f.name().contains("cloudwarden/aws/") || f.name().contains("sshd"))
                .filter(f -> !f.text().contains("correlation:") && !f.text().contains("|cidr")).toList();
        assertThat(rules).hasSizeGreaterThan(5);
        Set<String> scanned = scan(rules);
        assertThat(hunt(rules)).isEqualTo(scanned);
        assertThat(scanned).isNotEmpty();
    }

    @Test
    void aRuleTheBackendCannotExpressIsRefusedWithItsReason() {
        RuleFile cidr = RuleFiles.builtIn().stream().filter(f -> f.text().contains("|cidr")).findFirst().orElseThrow();
        assertThatThrownBy(() -> service().runRules(List.of(cidr), HuntLimits.DEFAULT))
                .isInstanceOfSatisfying(HuntException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HuntException.Kind.REFUSED);
                    assertThat(e).hasMessageContaining("cannot run as SQL").hasMessageContaining("cidr");
                });
    }

    @Test
    void aCorrelationRuleIsRefusedNotDropped() {
        RuleFile correlation = new RuleFile("c.yml", """
                title: base
                name: base
                logsource: {product: aws, service: cloudtrail}
                detection: {sel: {eventName: ConsoleLogin}, condition: sel}
                ---
                title: many logins
                correlation: {type: event_count, rules: [base], group-by: [sourceIPAddress], timespan: 1h, condition: {gte: 3}}
                """);
        assertThatThrownBy(() -> service().runRules(List.of(correlation), HuntLimits.DEFAULT))
                .isInstanceOfSatisfying(HuntException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HuntException.Kind.REFUSED);
                    assertThat(e).hasMessageContaining("correlation rules cannot be hunted retroactively");
                });
    }

    @Test
    void aSavedSigmaHuntRunsItsRule() throws Exception {
        SavedHunt saved = new SavedHunt("logins", SavedHunt.Kind.SIGMA, """
                title: console logins
                logsource: {product: aws, service: cloudtrail}
                detection: {sel: {eventName: ConsoleLogin}, condition: sel}
                """, "ana", java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        long expected = events.stream().filter(e -> "ConsoleLogin".equals(e.raw().text(
                dev.cloudwarden.engine.event.FieldPath.of("eventName")))).count();
        assertThat(expected).isPositive();
        assertThat(service().run(saved, HuntLimits.DEFAULT).rows()).hasSize((int) expected);
    }

    /** Rule key and event id of every match the detection run makes, one alert per match. */
    private static Set<String> scan(List<RuleFile> rules) {
        RuleSet set = RuleSet.compile(rules, SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        RunConfig config = RunConfig.of(set).withGrouping(AlertGrouping.off()).withBehavior(BehaviorConfig.disabled());
        Set<String> out = new TreeSet<>();
        for (Alert a : RunResults.of(config, events).alerts()) {
            a.events().forEach(e -> out.add(a.ruleId() + " " + EventIds.of(e)));
        }
        return out;
    }

    private static Set<String> hunt(List<RuleFile> rules) throws HuntException {
        HuntResult r = service().runRules(rules, new HuntLimits(100_000, Duration.ofMinutes(2)));
        assertThat(r.truncated()).isFalse();
        int rule = r.columns().indexOf("rule");
        int id = r.columns().indexOf("event_id");
        Set<String> out = new TreeSet<>();
        r.rows().forEach(row -> out.add(row.get(rule) + " " + row.get(id)));
        return out;
    }

    private static HuntService service() {
        return new HuntService(new HuntSources(layout, new StoreTables.None()));
    }
}
