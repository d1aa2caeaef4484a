package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reading folders as the scanner will: each folder a Terraform module, plan JSON files by content. */
final class TerraformTestSupport {
    static final TerraformSource HCL = new TerraformSource();
    static final TerraformPlanSource PLAN = new TerraformPlanSource();

    private TerraformTestSupport() {
    }

    /** {@code /work/shared/datasets/config} (found upward from the working directory), or the test is skipped. */
    static Path configDatasets() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path c : List.of(dir.resolve("shared/datasets/config"), dir.resolve("../shared/datasets/config"))) {
                if (Files.isDirectory(c.normalize())) {
                    return c.normalize();
                }
            }
        }
        Assumptions.abort("shared/datasets/config not found from " + Path.of("").toAbsolutePath()
                + ": the real-data checks are skipped on this machine");
        return null;
    }

    /** Every folder under {@code root} (itself included) read as Checkov's runner does, recursively. */
    static ParsedConfig scan(Path root) {
        Map<Path, List<Path>> byFolder = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> byFolder.computeIfAbsent(p.getParent(),
                    x -> new ArrayList<>()).add(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ParsedConfig> parts = new ArrayList<>();
        for (Map.Entry<Path, List<Path>> folder : byFolder.entrySet()) {
            List<ConfigFile> hcl = new ArrayList<>();
            for (Path p : folder.getValue()) {
                ConfigFile f = new ConfigFile(p, root.relativize(p).toString());
                String head = head(p);
                if (HCL.accepts(p, head)) {
                    hcl.add(f);
                } else if (PLAN.accepts(p, head)) {
                    parts.add(PLAN.parse(f));
                }
            }
            if (!hcl.isEmpty()) {
                parts.add(HCL.parse(hcl));
            }
        }
        return ParsedConfig.concat(parts);
    }

    static String head(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            return new String(b, 0, Math.min(b.length, 4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A module folder written from name/text pairs, parsed. */
    static ParsedConfig module(Path dir, String... namesAndTexts) {
        List<ConfigFile> files = new ArrayList<>();
        try {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                Path p = dir.resolve(namesAndTexts[i]);
                Files.createDirectories(p.getParent());
                Files.writeString(p, namesAndTexts[i + 1]);
                if (p.getParent().equals(dir)) {
                    files.add(new ConfigFile(p, namesAndTexts[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HCL.parse(files);
    }

    static ConfigResource resource(ParsedConfig c, String id) {
        return c.resources().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + id + " among "
                        + c.resources().stream().map(ConfigResource::id).toList() + "; problems " + c.problems()));
    }
}
