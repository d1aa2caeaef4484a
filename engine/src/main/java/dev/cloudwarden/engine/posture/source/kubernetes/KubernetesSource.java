package dev.cloudwarden.engine.posture.source.kubernetes;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.TreeDocuments;
import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.CustomTags;
import dev.cloudwarden.engine.posture.source.SourceTexts;
import dev.cloudwarden.engine.posture.source.SourceTree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kubernetes manifests: multi-document YAML (Helm's rendered output included; its {@code # Source:} lines are
 * comments) and JSON. Every mapping with {@code apiVersion} and {@code kind} is an object, and the items of a
 * {@code List} (or any {@code *List} kind with {@code items}) are objects of their own.
 *
 * <p>Each object: type its {@code kind}, name its {@code metadata.name} (or {@code generateName}), id as
 * {@link KubernetesIds} writes it, attributes the whole object as written ({@code apiVersion}, {@code kind},
 * {@code metadata}, {@code spec} ...; manifests have no expressions, so nothing is unknown), location the object's
 * lines, skips from {@link KubernetesSkips annotations}. A document that cannot be read is a problem; the others are
 * kept. Unrendered Helm chart templates ({@code templates/} beside a {@code Chart.yaml}) are not manifests and are not
 * accepted.
 */
public final class KubernetesSource implements ConfigSource.PerFile {
    private static final Set<String> EXTENSIONS = Set.of("json", "yaml", "yml");
    /** A key at the start of a YAML line (maybe a list item's), or a JSON member anywhere. */
    private static final Pattern API_VERSION = Pattern.compile(
            "(?m)^\\s*(-\\s+)?[\"']?apiVersion[\"']?\\s*:|\"apiVersion\"\\s*:");
    private static final Pattern KIND = Pattern.compile("(?m)^\\s*(-\\s+)?[\"']?kind[\"']?\\s*:|\"kind\"\\s*:");
    /** Other formats whose members look alike: CloudFormation templates, ARM templates (resources have apiVersion). */
    private static final Pattern OTHER_FORMAT = Pattern.compile(
            "AWSTemplateFormatVersion|[\"']?Type[\"']?\\s*:\\s*[\"']?AWS::|(?i)deploymentTemplate\\.json");

    @Override
    public String name() {
        return "Kubernetes";
    }

    @Override
    public boolean accepts(Path file, String head) {
        if (!EXTENSIONS.contains(SourceTexts.extension(file)) || OTHER_FORMAT.matcher(head).find()
                || !API_VERSION.matcher(head).find() || !KIND.matcher(head).find()) {
            return false;
        }
        return !isChartTemplate(file);
    }

    private static boolean isChartTemplate(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
            Object name = dir.getFileName();
            if (name != null && name.toString().equals("templates") && dir.getParent() != null
                    && Files.isRegularFile(dir.getParent().resolve("Chart.yaml"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        return TreeDocuments.read(file, CustomTags.IGNORE, "Kubernetes", this::document);
    }

    /** Reads a manifest's text; never throws for bad input. */
    public ParsedConfig parse(String file, String text) {
        return TreeDocuments.read(file, text, CustomTags.IGNORE, "Kubernetes", this::document);
    }

    private void document(String file, SourceTree tree, List<ConfigResource> out, List<ParseProblem> problems) {
        object(file, tree, tree.root(), out, problems, 0);
    }

    private void object(String file, SourceTree tree, Object value, List<ConfigResource> out,
                        List<ParseProblem> problems, int depth) {
        if (!(value instanceof Map<?, ?> object) || !object.containsKey("apiVersion")
                || !(object.get("kind") instanceof String kind) || kind.isBlank()) {
            return; // not a Kubernetes object: other YAML in the same file, or an empty document
        }
        Location location = tree.locationOf(file, object);
        if (kind.endsWith("List") && object.get("items") instanceof List<?> items && depth < 4) {
            for (Object item : items) {
                object(file, tree, item, out, problems, depth + 1);
            }
            return;
        }
        Object meta = object.get("metadata");
        if (meta != null && !(meta instanceof Map)) {
            problems.add(new ParseProblem(location, kind + ": metadata is not a mapping"));
            return;
        }
        Map<?, ?> metadata = meta == null ? Map.of() : (Map<?, ?>) meta;
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) object;
        out.add(new ConfigResource(Framework.KUBERNETES, kind, KubernetesIds.name(metadata),
                KubernetesIds.id(kind, metadata, location.line()), location, attributes, List.of(),
                KubernetesSkips.of(metadata)));
    }
}
