package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.terraform.hcl.HclFile;
import dev.cloudwarden.engine.posture.source.terraform.hcl.HclParser;
import dev.cloudwarden.engine.posture.source.terraform.hcl.SyntaxProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and parses a module folder's files (in name order, as Terraform loads them), recording each syntax error as a
 * problem at file:line with its column. Only {@code terraform.tfvars} and {@code *.auto.tfvars} (and their
 * {@code .json} forms) set the root module's variables, as in Terraform without {@code -var-file}; other
 * {@code .tfvars} files are read for syntax only.
 */
final class ModuleLoader {
    static final long MAX_FILE_BYTES = 10L << 20;

    private final List<ParseProblem> problems;

    ModuleLoader(List<ParseProblem> problems) {
        this.problems = problems;
    }

    ModuleDefinition loadRoot(List<ConfigFile> files) {
        List<ConfigFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(f -> f.path().getFileName() == null ? "" : f.path().getFileName().toString()));
        Path folder = sorted.isEmpty() || sorted.get(0).path().toAbsolutePath().getParent() == null ? Path.of(".")
                : sorted.get(0).path().toAbsolutePath().normalize().getParent();
        String display = sorted.isEmpty() ? "" : parentOf(sorted.get(0).displayName());
        ModuleDefinition def = new ModuleDefinition(folder, display);
        List<SourceFile> autoVars = new ArrayList<>();
        SourceFile[] mainVars = new SourceFile[2];
        for (ConfigFile f : sorted) {
            String name = f.path().getFileName() == null ? "" : f.path().getFileName().toString();
            SourceFile source = read(f.path(), f.displayName());
            if (source == null) {
                continue;
            }
            if (TerraformFiles.isConfiguration(name)) {
                def.addConfiguration(source);
            } else if (name.equals("terraform.tfvars")) {
                mainVars[0] = source;
            } else if (name.equals("terraform.tfvars.json")) {
                mainVars[1] = source;
            } else if (name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json")) {
                autoVars.add(source);
            }
        }
        for (SourceFile v : mainVars) {
            if (v != null) {
                def.addVariableValues(v);
            }
        }
        autoVars.forEach(def::addVariableValues);
        return def;
    }

    /** A called module's folder: its {@code .tf} and {@code .tf.json} files. */
    ModuleDefinition loadFolder(Path folder, String displayFolder) {
        ModuleDefinition def = new ModuleDefinition(folder, displayFolder);
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> files = s.filter(p -> TerraformFiles.isConfiguration(p.getFileName().toString()))
                    .filter(Files::isRegularFile).sorted().limit(1000).toList();
            for (Path p : files) {
                String display = displayFolder.isEmpty() ? p.getFileName().toString()
                        : displayFolder + "/" + p.getFileName();
                SourceFile source = read(p, display);
                if (source != null) {
                    def.addConfiguration(source);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new ParseProblem(Location.of(displayFolder, 0), "cannot read module folder: " + e));
            return null;
        }
        return def;
    }

    private SourceFile read(Path path, String displayName) {
        String text;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                problems.add(new ParseProblem(Location.of(displayName, 0),
                        "file larger than " + (MAX_FILE_BYTES >> 20) + " MB, not read"));
                return null;
            }
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.add(new ParseProblem(Location.of(displayName, 0), "cannot read: " + e.getMessage()));
            return null;
        }
        HclFile hcl = displayName.endsWith(".tfvars.json") ? TfJson.parseVariables(displayName, text)
                : displayName.endsWith(".json") ? TfJson.parse(displayName, text)
                : HclParser.parseFile(displayName, text);
        for (SyntaxProblem p : hcl.problems()) {
            problems.add(new ParseProblem(Location.of(displayName, p.line()),
                    "column " + p.column() + ": " + p.reason()));
        }
        return new SourceFile(displayName, hcl);
    }

    private static String parentOf(String displayName) {
        int slash = displayName.replace('\\', '/').lastIndexOf('/');
        return slash < 0 ? "" : displayName.substring(0, slash);
    }
}
