package dev.cloudwarden.engine.sigma.pack;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in rule set, compiled once, and a way to run inputs through the real ingest and detection path. */
final class PackFixtures {
    static final RuleSet RULES = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults());
    static final String PACK_PREFIX = "builtin:cloudwarden/";

    private PackFixtures() {
    }

    /** Name (as used by correlations) of every CloudWarden rule, by id. */
    static Map<String, String> namesById() {
        Map<String, String> out = new HashMap<>();
        for (LoadedRule r : ours()) {
            out.put(r.rule().id(), r.rule().name());
        }
        for (CorrelationRule c : oursCorrelations()) {
            out.put(c.id(), c.name());
        }
        return out;
    }

    /**
     * Whether a pack file is a catalog rule (a folder named after a THREATS.md row, or shared/), as opposed to the
     * breadth rules in folders named after a log source (aws/, k8s/, gcp/, azure/, network/).
     */
    static boolean catalogRule(String file) {
        return file.matches("builtin:cloudwarden/([tam]\\d|shared)/.*");
    }

    /** Names of the catalog rules and correlations. */
    static java.util.Set<String> catalogNames() {
        java.util.Set<String> out = new java.util.HashSet<>();
        ours().stream().filter(r -> catalogRule(r.rule().source().file())).forEach(r -> out.add(r.rule().name()));
        oursCorrelations().stream().filter(c -> catalogRule(c.source().file())).forEach(c -> out.add(c.name()));
        return out;
    }

    static List<LoadedRule> ours() {
        return RULES.rules().stream().filter(r -> r.rule().source().file().startsWith(PACK_PREFIX)).toList();
    }

    static List<CorrelationRule> oursCorrelations() {
        return RULES.correlations().stream().filter(c -> c.source().file().startsWith(PACK_PREFIX)).toList();
    }

    /** Events read from text through the real {@link Ingestor} (format autodetection included); no rejections allowed. */
    static List<Event> ingest(String name, String text) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(IngestOptions.defaults()).read(Input.bytes(name, text.getBytes(StandardCharsets.UTF_8),
                GoldenFiles.REFERENCE_TIME), c);
        assertThat(c.rejections).as("rejections reading %s", name).isEmpty();
        return c.events;
    }

    static List<Event> ingest(Path file) {
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        return c.events;
    }

    /** All alerts of the built-in rule set over the events, correlations flushed at the end. */
    static List<Alert> detect(List<Event> events) {
        return RunResults.of(RunConfig.of(RULES).withGrouping(AlertGrouping.off()), events).alerts();
    }

    /** Names of the CloudWarden rules among the alerts (SigmaHQ alerts are left out). */
    static List<String> packAlertNames(List<Alert> alerts) {
        Map<String, String> names = namesById();
        return alerts.stream().map(a -> names.get(a.ruleId())).filter(n -> n != null).toList();
    }

    static List<Alert> packAlerts(List<Alert> alerts) {
        Map<String, String> names = namesById();
        return alerts.stream().filter(a -> names.containsKey(a.ruleId())).toList();
    }

    static Instant at(int seconds) {
        return Instant.parse("2026-11-25T08:00:00Z").plusSeconds(seconds);
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
