package dev.cloudwarden.engine.posture.source.cloudformation;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.TreeDocuments;
import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.SourceTexts;
import dev.cloudwarden.engine.posture.source.SourceTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS CloudFormation templates (and SAM templates, which are CloudFormation with a transform), JSON or YAML.
 *
 * <p>Each entry of {@code Resources} is one resource: type its {@code Type}, name its logical id, id
 * {@code Type.LogicalId} as Checkov writes it. Attributes are its {@code Properties} after {@link Intrinsics
 * evaluation} (an empty map when it has none), plus, under the reserved key {@value #RESOURCE_KEY} and only when
 * present, the resource's other entries ({@code DependsOn} as a list, {@code DeletionPolicy},
 * {@code UpdateReplacePolicy}, {@code Condition}, {@code Metadata}, {@code CreationPolicy}, {@code UpdatePolicy}).
 * References are the ids of the resources it reaches by {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} and
 * {@code DependsOn}. Skips come from {@code Metadata.checkov.skip} and {@code Metadata.cloudwarden.skip}, lists of
 * {@code {id, comment}}.
 */
public final class CloudFormationSource implements ConfigSource.PerFile {
    /** The attribute holding a resource's entries other than {@code Type} and {@code Properties}. */
    public static final String RESOURCE_KEY = "_cfn";

    private static final Set<String> EXTENSIONS = Set.of("json", "yaml", "yml", "template");
    private static final Pattern HEAD = Pattern.compile(
            // a "Type" key of its own: an AWS Config item's "resourceType": "AWS::S3::Bucket" is not a template
            "AWSTemplateFormatVersion|(?<![A-Za-z0-9_])Type[\"']?\\s*:\\s*[\"']?AWS::");

    @Override
    public String name() {
        return "CloudFormation";
    }

    @Override
    public boolean accepts(Path file, String head) {
        return EXTENSIONS.contains(SourceTexts.extension(file)) && HEAD.matcher(head).find();
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        return TreeDocuments.read(file, ShortFormTags.INSTANCE, "CloudFormation", this::template);
    }

    /** Reads a template's text; never throws for bad input. */
    public ParsedConfig parse(String file, String text) {
        return TreeDocuments.read(file, text, ShortFormTags.INSTANCE, "CloudFormation", this::template);
    }

    /** Whether a document is a template: a format version, or resources typed {@code AWS::...}. */
    static boolean isTemplate(Object root) {
        if (!(root instanceof Map<?, ?> m)) {
            return false;
        }
        if (m.containsKey("AWSTemplateFormatVersion")) {
            return true;
        }
        return m.get("Resources") instanceof Map<?, ?> resources && resources.values().stream()
                .anyMatch(r -> r instanceof Map<?, ?> rm && rm.get("Type") instanceof String t
                        && t.startsWith("AWS::"));
    }

    @SuppressWarnings("unchecked")
    private void template(String file, SourceTree tree, List<ConfigResource> out, List<ParseProblem> problems) {
        if (!isTemplate(tree.root())) {
            return; // not a template: some other YAML or JSON that happened to mention AWS types
        }
        Map<String, Object> root = (Map<String, Object>) tree.root();
        Object section = root.get("Resources");
        if (section != null && !(section instanceof Map)) {
            problems.add(new ParseProblem(tree.locationOf(file, root), "Resources is not a mapping"));
            return;
        }
        Template template = Template.of(root);
        Intrinsics intrinsics = new Intrinsics(template);
        for (Map.Entry<String, Object> e : template.resources().entrySet()) {
            String logicalId = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> declaration)) {
                problems.add(new ParseProblem(tree.locationOf(file, template.resources()),
                        "resource " + logicalId + " is not a mapping"));
                continue;
            }
            Location location = tree.entryLocation(file, template.resources(), logicalId, declaration);
            if (!(declaration.get("Type") instanceof String type) || type.isBlank()) {
                problems.add(new ParseProblem(location, "resource " + logicalId + " has no Type"));
                continue;
            }
            out.add(resource(type, logicalId, location, (Map<String, Object>) declaration, template, intrinsics));
        }
    }

    private ConfigResource resource(String type, String logicalId, Location location, Map<String, Object> declaration,
                                    Template template, Intrinsics intrinsics) {
        Set<String> refs = new LinkedHashSet<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (intrinsics.evaluate(declaration.get("Properties"), refs) instanceof Map<?, ?> properties) {
            properties.forEach((k, v) -> attributes.put(String.valueOf(k), v));
        }
        Map<String, Object> other = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : declaration.entrySet()) {
            switch (e.getKey()) {
                case "Type", "Properties" -> {
                }
                case "DependsOn" -> {
                    List<Object> names = e.getValue() instanceof List<?> l ? new ArrayList<>(l)
                            : e.getValue() == null ? List.of() : List.of(e.getValue());
                    other.put("DependsOn", names);
                    for (Object n : names) {
                        String id = n instanceof String s ? template.resourceId(s) : null;
                        if (id != null) {
                            refs.add(id);
                        }
                    }
                }
                default -> {
                    Object v = intrinsics.evaluate(e.getValue(), new LinkedHashSet<>());
                    if (v != Intrinsics.NO_VALUE) {
                        other.put(e.getKey(), v);
                    }
                }
            }
        }
        if (!other.isEmpty()) {
            attributes.put(RESOURCE_KEY, other);
        }
        refs.remove(type + "." + logicalId);
        return new ConfigResource(Framework.CLOUDFORMATION, type, logicalId, type + "." + logicalId, location,
                attributes, List.copyOf(refs), skips(declaration.get("Metadata")));
    }

    /** {@code Metadata: {checkov: {skip: [{id, comment}]}}}, and the same under {@code cloudwarden}. */
    static List<InlineSkip> skips(Object metadata) {
        List<InlineSkip> skips = new ArrayList<>();
        if (!(metadata instanceof Map<?, ?> m)) {
            return skips;
        }
        for (String tool : List.of("checkov", "cloudwarden")) {
            if (!(m.get(tool) instanceof Map<?, ?> settings)) {
                continue;
            }
            Object list = settings.get("skip");
            for (Object item : list instanceof List<?> l ? l : list == null ? List.of() : List.of(list)) {
                InlineSkip skip = skip(item);
                if (skip != null) {
                    skips.add(skip);
                }
            }
        }
        return skips;
    }

    private static InlineSkip skip(Object item) {
        if (item instanceof Map<?, ?> entry && entry.get("id") instanceof String id && !id.isBlank()) {
            Object reason = entry.containsKey("comment") ? entry.get("comment") : entry.get("reason");
            return new InlineSkip(id.trim(), reason == null ? "" : String.valueOf(reason));
        }
        if (item instanceof String s && !s.isBlank()) {
            int colon = s.indexOf(':');
            return colon < 0 ? new InlineSkip(s.trim(), "")
                    : new InlineSkip(s.substring(0, colon).trim(), s.substring(colon + 1).trim());
        }
        return null;
    }
}
