package dev.cloudwarden.engine.posture.source;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A file of JSON or multi-document YAML read document by document, for the formats written either way (CloudFormation,
 * Kubernetes): a broken document is a problem at its line and the others are still read; a reader that fails on
 * something unforeseen is a problem too, never an exception out of the scan.
 */
public final class TreeDocuments {
    /** What a format does with one parsed document. */
    public interface DocumentReader {
        void read(String file, SourceTree tree, List<ConfigResource> out, List<ParseProblem> problems);
    }

    private TreeDocuments() {
    }

    /** Reads the file (size-bounded, UTF-8) and then its documents. */
    public static ParsedConfig read(ConfigFile file, CustomTags tags, String format, DocumentReader reader) {
        SourceTexts.Text text = SourceTexts.read(file);
        if (text instanceof SourceTexts.Unreadable u) {
            return ParsedConfig.failed(u.problem());
        }
        return read(file.displayName(), ((SourceTexts.Read) text).text(), tags, format, reader);
    }

    /** Reads a text's documents: one JSON value, or every YAML document. */
    public static ParsedConfig read(String file, String text, CustomTags tags, String format, DocumentReader reader) {
        List<ConfigResource> resources = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        try {
            if (text.stripLeading().startsWith("{")) {
                try {
                    reader.read(file, JsonTrees.read(text), resources, problems);
                } catch (TreeException e) {
                    problems.add(new ParseProblem(Location.of(file, e.line()), e.reason()));
                }
            } else {
                for (YamlTrees.Document d : YamlTrees.read(text, tags)) {
                    if (d instanceof YamlTrees.Parsed p) {
                        reader.read(file, p.tree(), resources, problems);
                    } else if (d instanceof YamlTrees.Broken b) {
                        problems.add(new ParseProblem(Location.of(file, b.line()), b.reason()));
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError bug) {
            problems.add(new ParseProblem(Location.of(file, 0), format + " reader failed: " + bug));
        }
        return new ParsedConfig(resources, problems);
    }
}
