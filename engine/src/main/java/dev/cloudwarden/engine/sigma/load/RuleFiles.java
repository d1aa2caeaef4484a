package dev.cloudwarden.engine.sigma.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds rule files: {@code .yml}/{@code .yaml} under the paths given, and the packs shipped on the classpath. */
public final class RuleFiles {
    /** Index of the shipped packs: one resource path per line, kept complete by a test. */
    public static final String BUILTIN_INDEX = "/dev/cloudwarden/rules/index.txt";

    private RuleFiles() {
    }

    /** Rule files among files and directories (recursive, sorted; hidden entries and rule test files skipped). */
    public static List<RuleFile> fromPaths(List<Path> paths) throws IOException {
        return collect(paths, false);
    }

    /** Rule test files ({@code *.tests.yml}) among files and directories. */
    public static List<RuleFile> testsFromPaths(List<Path> paths) throws IOException {
        return collect(paths, true);
    }

    private static List<RuleFile> collect(List<Path> paths, boolean tests) throws IOException {
        List<RuleFile> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new java.io.FileNotFoundException(p + ": no such file or directory");
            }
            List<Path> files;
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                            .filter(f -> !hidden(p.relativize(f)))
                            .filter(f -> RuleTestFileNames.isTestFile(f.toString()) == tests)
                            .sorted().toList();
                }
            } else {
                files = RuleTestFileNames.isTestFile(p.toString()) == tests ? List.of(p) : List.of();
            }
            for (Path f : files) {
                out.add(new RuleFile(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The rule packs shipped with CloudWarden (SigmaHQ's cloud rules and the CloudWarden pack): rule files only. */
    public static List<RuleFile> builtIn() {
        return builtIn(false);
    }

    /** The rule test files ({@code *.tests.yml}) shipped beside the built-in rules, for {@code rules test}. */
    public static List<RuleFile> builtInTests() {
        return builtIn(true);
    }

    private static List<RuleFile> builtIn(boolean tests) {
        List<RuleFile> out = new ArrayList<>();
        for (String resource : read(BUILTIN_INDEX).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            if (RuleTestFileNames.isTestFile(resource) == tests) {
                out.add(new RuleFile("builtin:" + resource, read("/dev/cloudwarden/rules/" + resource), true));
            }
        }
        return out;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String read(String resource) {
        try (InputStream in = RuleFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (the build is incomplete)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
