package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.playbook.PlaybookLoader;
import dev.cloudwarden.engine.yaml.YamlFile;
import dev.cloudwarden.engine.yaml.YamlProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The playbooks a response chooses from: the shipped ones (one per family of containment, together covering every
 * catalog row where a containment exists; listed in {@code playbooks/index.txt}) and the user's own files.
 */
public final class Playbooks {
    private static final String BUILT_IN = "/dev/cloudwarden/respond/playbooks/";

    /** Playbooks that loaded, and every problem of those that did not. */
    public record Loaded(List<Playbook> playbooks, List<YamlProblem> problems) {
    }

    private Playbooks() {
    }

    public static Loaded builtIn(Actions actions) {
        PlaybookLoader loader = new PlaybookLoader(actions);
        List<Playbook> out = new ArrayList<>();
        List<YamlProblem> problems = new ArrayList<>();
        for (String name : resource("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            add(loader.load("builtin:" + name, resource(name)), out, problems);
        }
        return new Loaded(out, problems);
    }

    /** The playbook files (*.yml, *.yaml) in {@code paths}, folders read recursively, in name order. */
    public static Loaded files(List<Path> paths, Actions actions) throws IOException {
        PlaybookLoader loader = new PlaybookLoader(actions);
        List<Playbook> out = new ArrayList<>();
        List<YamlProblem> problems = new ArrayList<>();
        for (Path f : YamlFile.filesUnder(paths)) {
            add(loader.load(f.toString(), Files.readString(f)), out, problems);
        }
        return new Loaded(out, problems);
    }

    private static void add(PlaybookLoader.Loaded loaded, List<Playbook> out, List<YamlProblem> problems) {
        if (loaded.ok()) {
            out.add(loaded.playbook());
        }
        problems.addAll(loaded.problems());
    }

    private static String resource(String name) {
        try (InputStream in = Playbooks.class.getResourceAsStream(BUILT_IN + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in playbook " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
