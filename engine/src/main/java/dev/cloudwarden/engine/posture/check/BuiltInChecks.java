package dev.cloudwarden.engine.posture.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks CloudWarden ships: the check files listed in {@value #INDEX} (a test holds the list to the folder), and
 * the Java checks. Loaded once; a broken built-in check is a bug, so it fails loudly here rather than thinning the
 * catalog unnoticed.
 */
public final class BuiltInChecks {
    public static final String FOLDER = "/dev/cloudwarden/posture/checks/";
    public static final String INDEX = FOLDER + "index.txt";

    private static volatile List<Check> all;

    private BuiltInChecks() {
    }

    public static List<Check> all() {
        List<Check> checks = all;
        if (checks == null) {
            synchronized (BuiltInChecks.class) {
                if (all == null) {
                    all = load();
                }
                checks = all;
            }
        }
        return checks;
    }

    /** The check files named by the index, as resource paths. */
    public static List<String> files() {
        return read(INDEX).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> FOLDER + l).toList();
    }

    private static List<Check> load() {
        // conditions compile when a check first runs: compiling all 650 took 2.6 s of the start of every command
        List<CheckLoader.Loaded> results = files().stream()
                .map(file -> CheckLoader.deferringCompilation().load(file.substring(FOLDER.length()), read(file))).toList();
        List<Check> checks = new ArrayList<>();
        for (CheckLoader.Loaded loaded : results) {
            if (!loaded.errors().isEmpty()) {
                throw new IllegalStateException("built-in check file is broken: " + loaded.errors());
            }
            checks.addAll(loaded.checks());
        }
        Set<String> ids = new HashSet<>();
        for (Check c : checks) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("two built-in checks have the id " + c.id() + " (" + c.definedAt() + ")");
            }
        }
        return List.copyOf(checks);
    }

    private static String read(String resource) {
        try (InputStream in = BuiltInChecks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
