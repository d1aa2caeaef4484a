package dev.cloudwarden.engine.sigma.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped SigmaHQ AWS CloudTrail rule, converted to SQL and run in an in-process DuckDB over real
 * CloudTrail records, counts the same records as the reference interpreter. The real records rarely fire a
 * rule, so each rule also contributes witnesses: a real record with the values of one of its selections
 * written in (which then exercise the filters and negations too).
 */
class DuckDbEquivalenceTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/cloudtrail");

    @TempDir
    static Path dir;
    private static List<LoadedRule> rules;
    private static List<byte[]> records;
    private static Path ndjson;

    @BeforeAll
    static void setUp() throws IOException {
        List<RuleFile> aws = RuleFiles.builtIn().stream().filter(f -> f.name().contains("/aws/cloudtrail/")).toList();
        RuleSet set = RuleSet.compile(aws, SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        rules = set.rules();
        List<JsonNode> real = realRecords();
        List<JsonNode> all = new ArrayList<>(real);
        for (LoadedRule r : rules) {
            all.addAll(witnesses(r, (ObjectNode) real.get(0)));
        }
        records = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode n : all) {
            String line = Json.MAPPER.writeValueAsString(n);
            records.add(line.getBytes(StandardCharsets.UTF_8));
            text.append(line).append('\n');
        }
        ndjson = dir.resolve("records.ndjson");
        Files.writeString(ndjson, text, StandardCharsets.UTF_8);
    }

    @Test
    void everyAwsCloudTrailRuleConvertsAndCountsWhatTheInterpreterCounts() throws Exception {
        assertThat(rules).hasSizeGreaterThan(50);
        DuckDbConverter converter = new DuckDbConverter(SigmaConfig.defaults());
        List<ConvertedRule> converted = new ArrayList<>();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (LoadedRule r : rules) {
            converted.add(new ConvertedRule(r.key(), converter.condition(r.rule())));
            long n = records.stream().filter(b -> r.evaluator().matches(RawRecord.ofJson(b))).count();
            expected.put(r.key(), n);
        }
        Map<String, Long> actual = new LinkedHashMap<>();
        try (DuckDb db = new DuckDb()) {
            List<Object> row = db.row(DuckDbConverter.countQuery(ndjson.toString(), converted));
            for (int i = 0; i < converted.size(); i++) {
                actual.put(converted.get(i).key(), ((Number) row.get(i)).longValue());
            }
        }
        assertThat(actual).isEqualTo(expected);
        long firing = expected.values().stream().filter(n -> n > 0).count();
        System.out.printf("DuckDB backend: %d AWS CloudTrail rules converted, %d records, %d rules matching some, %d matches%n",
                converted.size(), records.size(), firing, expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(firing).as("rules the records exercise").isGreaterThan(rules.size() * 3 / 4);
    }

    /** The CloudTrail records of the golden files: NDJSON lines, {@code Records} files and Stratus arrays. */
    private static List<JsonNode> realRecords() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(GOLDEN)) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path f : sorted) {
                String name = f.getFileName().toString();
                if (name.endsWith(".jsonl")) {
                    for (String line : Files.readAllLines(f)) {
                        if (!line.isBlank()) {
                            out.add(Json.MAPPER.readTree(line));
                        }
                    }
                } else if (name.endsWith(".json") && !name.equals("digest.json")) {
                    JsonNode tree = Json.MAPPER.readTree(f.toFile());
                    JsonNode list = tree.isArray() ? tree : tree.has("Records") ? tree.get("Records") : tree.get("Events");
                    list.forEach(out::add);
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(50);
        return out;
    }

    /** For each top-level map of the rule's identifiers, a copy of {@code base} with its values written in. */
    private static List<JsonNode> witnesses(LoadedRule rule, ObjectNode base) {
        List<JsonNode> out = new ArrayList<>();
        for (DetectionNode node : rule.rule().identifiers().values()) {
            List<DetectionNode> maps = node instanceof DetectionNode.AnyOf any ? any.items() : List.of(node);
            for (DetectionNode map : maps) {
                ObjectNode copy = base.deepCopy();
                List<FieldItem> items = map instanceof DetectionNode.AllOf all
                        ? all.items().stream().filter(FieldItem.class::isInstance).map(FieldItem.class::cast).toList()
                        : map instanceof FieldItem item ? List.of(item) : List.of();
                for (FieldItem item : items) {
                    if (item.field() != null && !item.values().isEmpty() && item.values().get(0) != null) {
                        put(copy, item.field(), plain(String.valueOf(item.values().get(0))));
                    }
                }
                out.add(copy);
            }
        }
        return out;
    }

    /** A value that satisfies the pattern as plain text: wildcards filled, escapes removed. */
    private static String plain(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                sb.append(value.charAt(++i));
            } else if (c == '?') {
                sb.append('x');
            } else if (c != '*') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void put(ObjectNode root, String dotted, String value) {
        String[] keys = dotted.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(keys[i]);
        }
        node.put(keys[keys.length - 1], value);
    }
}
