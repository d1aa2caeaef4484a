package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.check.Outcome;
import dev.cloudwarden.engine.posture.check.ResourceGraph;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.ConfigSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files in, findings out. Each file goes to the first source that accepts it (by name and first bytes); a source
 * reads a folder's files together (a Terraform module); every resource is judged by each check of its framework and
 * type, with the whole scan's resources as the graph for references.
 */
public final class PostureScanner {
    /** Enough of a file to tell its format by: a CloudFormation or ARM marker, a plan's format_version. */
    static final int HEAD_BYTES = 16 * 1024;
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", ".terraform", "node_modules", ".venv", "__pycache__");

    private final List<ConfigSource> sources;
    private final Map<Framework, Map<String, List<Check>>> byType = new EnumMap<>(Framework.class);
    private final Map<Framework, List<Check>> anyType = new EnumMap<>(Framework.class);

    public PostureScanner(List<ConfigSource> sources, List<Check> checks) {
        this.sources = List.copyOf(sources);
        for (Check c : checks) {
            if (c.resourceTypes().isEmpty()) {
                anyType.computeIfAbsent(c.framework(), f -> new ArrayList<>()).add(c);
            } else {
                for (String type : c.resourceTypes()) {
                    byType.computeIfAbsent(c.framework(), f -> new HashMap<>())
                            .computeIfAbsent(c.framework().typeKey(type), t -> new ArrayList<>()).add(c);
                }
            }
        }
    }

    public PostureScan scan(List<Path> roots, Suppressions suppressions) {
        return scan(roots, ParsedConfig.concat(List.of()), suppressions);
    }

    /**
     * The files under {@code roots} and configuration read elsewhere ({@code more}: a live account's resources and
     * the calls that failed), judged together, so references and findings do not depend on where a resource came from.
     */
    public PostureScan scan(List<Path> roots, ParsedConfig more, Suppressions suppressions) {
        return scan(roots, more, List.of(), suppressions);
    }

    /**
     * As {@link #scan(List, ParsedConfig, Suppressions)}, {@code moreSources} naming every source read elsewhere,
     * those that gave no resource too: a live service that now has none was still read, and what was stored from it
     * before is gone.
     */
    public PostureScan scan(List<Path> roots, ParsedConfig more, List<String> moreSources, Suppressions suppressions) {
        List<ParseProblem> problems = new ArrayList<>();
        Map<ConfigSource, Map<Path, List<ConfigFile>>> grouped = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (Path root : roots) {
            for (ConfigFile file : files(root, problems)) {
                ConfigSource source = sourceOf(file, problems);
                if (source != null) {
                    files.add(file.displayName());
                    Path folder = file.path().toAbsolutePath().getParent();
                    grouped.computeIfAbsent(source, s -> new LinkedHashMap<>())
                            .computeIfAbsent(folder, f -> new ArrayList<>()).add(file);
                }
            }
        }
        List<ConfigResource> resources = new ArrayList<>();
        grouped.forEach((source, folders) -> folders.values().forEach(folder -> {
            ParsedConfig parsed = parse(source, folder);
            resources.addAll(parsed.resources());
            problems.addAll(parsed.problems());
        }));
        resources.addAll(more.resources());
        problems.addAll(more.problems());
        // what was read elsewhere names its own sources (aws://ACCOUNT/REGION/SERVICE): the scan read those too
        java.util.stream.Stream.concat(more.resources().stream().map(r -> r.location().file()), moreSources.stream())
                .distinct().filter(f -> !files.contains(f)).forEach(files::add);
        return new PostureScan(files, resources, problems, judge(resources, suppressions));
    }

    /** Every check's verdict on every resource it judges, in resource order, then check order. */
    public List<Finding> judge(List<ConfigResource> resources, Suppressions suppressions) {
        ResourceGraph graph = new ResourceGraph(resources);
        List<Finding> findings = new ArrayList<>();
        for (ConfigResource r : resources) {
            for (Check check : checksFor(r)) {
                Outcome outcome = check.condition().evaluate(r, graph);
                if (outcome.verdict() == Verdict.NOT_APPLICABLE) {
                    continue;
                }
                Suppression s = outcome.verdict() == Verdict.FAIL ? suppressions.find(check, r) : null;
                findings.add(new Finding(check, r, outcome, s));
            }
        }
        return findings;
    }

    private List<Check> checksFor(ConfigResource r) {
        List<Check> typed = byType.getOrDefault(r.framework(), Map.of()).getOrDefault(r.framework().typeKey(r.type()), List.of());
        List<Check> any = anyType.getOrDefault(r.framework(), List.of());
        if (any.isEmpty()) {
            return typed;
        }
        List<Check> all = new ArrayList<>(typed);
        all.addAll(any);
        return all;
    }

    private static ParsedConfig parse(ConfigSource source, List<ConfigFile> folder) {
        try {
            return source.parse(folder);
        } catch (RuntimeException bug) {
            // A source must report bad input as problems; if one throws anyway, the rest of the scan goes on.
            return ParsedConfig.failed(new ParseProblem(Location.of(folder.get(0).displayName(), 0),
                    source.name() + " reader failed: " + bug));
        }
    }

    private ConfigSource sourceOf(ConfigFile file, List<ParseProblem> problems) {
        String head;
        try {
            head = head(file.path());
        } catch (IOException e) {
            problems.add(new ParseProblem(Location.of(file.displayName(), 0), "cannot read: " + e.getMessage()));
            return null;
        }
        if (head == null) {
            return null; // binary: not configuration
        }
        for (ConfigSource s : sources) {
            if (s.accepts(file.path(), head)) {
                return s;
            }
        }
        return null;
    }

    /** The file's first bytes as text, or null for a binary file (a NUL byte in them: archives, images, plans' binary form). */
    private static String head(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(HEAD_BYTES);
        }
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<ConfigFile> files(Path root, List<ParseProblem> problems) {
        List<ConfigFile> out = new ArrayList<>();
        if (!Files.exists(root)) {
            problems.add(new ParseProblem(Location.of(root.toString(), 0), "no such file or folder"));
            return out;
        }
        if (!Files.isDirectory(root)) {
            out.add(new ConfigFile(root, root.toString()));
            return out;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && SKIPPED_FOLDERS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(new ConfigFile(file, file.toString()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(new ParseProblem(Location.of(file.toString(), 0), "cannot read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new ParseProblem(Location.of(root.toString(), 0), "cannot list: " + e.getMessage()));
        }
        out.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        return out;
    }
}
