package dev.cloudwarden.engine.posture.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checkov's own test cases ({@code /work/shared/datasets/config/checkov}): per case, the example files and the ids of
 * the resources the upstream test expects to pass or fail. Tests skip, saying why, when the dataset is absent.
 */
public final class CheckovExamples {
    public static final Path ROOT = dataset("checkov");

    /**
     * {@code shared/datasets/config/NAME} beside this checkout or one of its parents (CI clones sit beside
     * {@code shared/} too); a path that does not exist when there is none, so tests skip saying where they looked.
     */
    public static Path dataset(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String candidate : List.of("shared/datasets/config/", "../shared/datasets/config/")) {
                Path p = dir.resolve(candidate + name).normalize();
                if (Files.exists(p)) {
                    return p;
                }
            }
        }
        return Path.of("../shared/datasets/config", name).toAbsolutePath().normalize();
    }

    /** The example files under {@code folder} that {@code source} does not accept from their first bytes. */
    public static List<String> refusedByHead(ConfigSource source, String folder, Set<String> extensions) {
        List<String> refused = new ArrayList<>();
        for (Path f : exampleFiles(folder, extensions)) {
            if (!source.accepts(f, head(f))) {
                refused.add(f.toString());
            }
        }
        return refused;
    }

    /** One upstream test case. */
    public record Case(String check, String exampleDir, List<Path> files, Set<String> expectedIds) {
    }

    /** The outcome of comparing parsed resources with every case's expected ids. */
    public record Coverage(int expected, int found, Map<String, String> missed, Map<Path, ParsedConfig> parsed) {
        public String summary() {
            return found + " of " + expected + " expected ids found";
        }
    }

    private CheckovExamples() {
    }

    public static List<Case> cases(String framework) {
        Path jsonl = ROOT.resolve("expected_results.jsonl");
        assumeTrue(Files.isRegularFile(jsonl), "Checkov dataset not present at " + ROOT + "; skipping real-data test");
        List<Case> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(jsonl)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.MAPPER.readTree(line);
                if (!framework.equals(n.path("framework").asText())) {
                    continue;
                }
                List<Path> files = new ArrayList<>();
                n.path("files").forEach(f -> files.add(ROOT.resolve(f.asText())));
                Set<String> ids = new LinkedHashSet<>();
                n.path("passing_resources").forEach(f -> ids.add(f.asText()));
                n.path("failing_resources").forEach(f -> ids.add(f.asText()));
                cases.add(new Case(n.path("check_id").asText(), n.path("example_dir").asText(), files, ids));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Every example file under the framework's test folder with one of the extensions. */
    public static List<Path> exampleFiles(String folder, Set<String> extensions) {
        Path dir = ROOT.resolve(folder);
        assumeTrue(Files.isDirectory(dir), "Checkov examples not present at " + dir);
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> extensions.contains(SourceTexts.extension(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses each case's files and looks for every expected id among their resources. */
    public static Coverage coverage(List<Case> cases, Function<Path, ParsedConfig> parser) {
        Map<Path, ParsedConfig> parsed = new TreeMap<>();
        Map<String, String> missed = new TreeMap<>();
        int expected = 0;
        int found = 0;
        for (Case c : cases) {
            Set<String> ids = new TreeSet<>();
            for (Path f : c.files()) {
                ParsedConfig p = parsed.computeIfAbsent(f, parser);
                p.resources().stream().map(ConfigResource::id).forEach(ids::add);
            }
            for (String id : c.expectedIds()) {
                expected++;
                if (ids.contains(id)) {
                    found++;
                } else {
                    missed.put(c.exampleDir() + " " + id, "parsed: " + ids);
                }
            }
        }
        return new Coverage(expected, found, missed, parsed);
    }

    /** Every YAML, JSON and template file of CloudGoat and TerraGoat, which a format may or may not accept. */
    public static List<Path> goatFiles() {
        List<Path> files = new ArrayList<>();
        for (String goat : List.of("cloudgoat", "terragoat")) {
            Path dir = ROOT.resolveSibling(goat);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> Set.of("yaml", "yml", "json", "template").contains(SourceTexts.extension(p)))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assumeTrue(!files.isEmpty(), "CloudGoat/TerraGoat not present beside " + ROOT);
        return files;
    }

    /** The first 8 KB of a file as text, what {@link ConfigSource#accepts} is given. */
    public static String head(Path p) {
        try {
            byte[] bytes = Files.readAllBytes(p);
            return SourceTexts.decode(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 8192)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the goat files a source accepts: how many it accepted, and the problems of those it read. */
    public static List<String> goatProblems(ConfigSource.PerFile source, String label) {
        List<Path> files = goatFiles();
        List<String> problems = new ArrayList<>();
        int accepted = 0;
        int resources = 0;
        for (Path f : files) {
            if (source.accepts(f, head(f))) {
                accepted++;
                ParsedConfig p = source.parse(new ConfigFile(f, f.toString()));
                resources += p.resources().size();
                p.problems().forEach(pr -> problems.add(pr.toString()));
            }
        }
        System.out.println(label + ": CloudGoat/TerraGoat " + files.size() + " YAML/JSON files, " + accepted
                + " accepted, " + resources + " resources, " + problems.size() + " problems");
        return problems;
    }

    public static ConfigFile file(Path p) {
        return new ConfigFile(p, ROOT.relativize(p).toString());
    }
}
