package dev.cloudwarden.engine.posture.source.hadoop;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.SourceText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hadoop site files: {@code <configuration><property><name/><value/><final/></property>...</configuration>}.
 *
 * <p>One resource per file: framework {@code hadoop}, type the file's base name ({@code yarn-site}), name the file
 * name, id {@code <type>.<path>} ({@code yarn-site.conf/yarn-site.xml}), location the whole file. Attributes:
 * <ul>
 *   <li>each property by its full dotted name, as a top-level key: {@code "yarn.resourcemanager.webapp.address":
 *   "0.0.0.0:8088"} — the value as written, trimmed, always a string (Hadoop parses types at use); a property without
 *   a value is null. CEL reads it with {@code attributes["hadoop.security.authentication"]}.</li>
 *   <li>a value that refers to another property ({@code ${yarn.resourcemanager.hostname}:8088}) is expanded from the
 *   same file; a reference the file cannot answer ({@code ${env.HOME}}, a property set in another file or in Hadoop's
 *   defaults) makes the value {@link dev.cloudwarden.engine.posture.model.Unknown Unknown}, with the written text.</li>
 *   <li>{@code _lines}: property name → the line of its {@code <property>} element, for findings.</li>
 *   <li>{@code _final}: the names marked {@code <final>true</final>}.</li>
 * </ul>
 * Keys starting with {@code _} are ours; Hadoop property names never start with one. A property set twice keeps the
 * later value, unless the earlier was final (Hadoop's rule). {@code xi:include} is not followed.
 */
public final class HadoopSiteSource implements ConfigSource.PerFile {
    @Override
    public String name() {
        return "hadoop";
    }

    @Override
    public boolean accepts(Path file, String head) {
        Path fileName = file.getFileName();
        return fileName != null && fileName.toString().endsWith("-site.xml") && head.contains("<configuration");
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        try {
            SourceText t = SourceText.read(file, SiteXmlReader.MAX_BYTES);
            return t.failed() ? ParsedConfig.failed(t.problem()) : toResource(file, t.text());
        } catch (RuntimeException bug) {
            return ParsedConfig.failed(new ParseProblem(Location.of(file.displayName(), 0),
                    "unreadable site file: " + bug));
        }
    }

    private ParsedConfig toResource(ConfigFile file, String text) {
        SiteXmlReader.Result read = SiteXmlReader.read(text);
        List<ParseProblem> problems = new ArrayList<>();
        read.problem().ifPresent(p -> problems.add(new ParseProblem(Location.of(file.displayName(), p.line()), p.reason())));
        if (read.error()) {
            return new ParsedConfig(List.of(), problems);
        }
        Map<String, SiteXmlReader.Property> byName = new LinkedHashMap<>();
        for (SiteXmlReader.Property p : read.properties()) {
            SiteXmlReader.Property earlier = byName.get(p.name());
            if (earlier != null && earlier.isFinal()) {
                continue;
            }
            byName.remove(p.name());
            byName.put(p.name(), p);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> lines = new LinkedHashMap<>();
        List<Object> finals = new ArrayList<>();
        Map<String, String> raw = new LinkedHashMap<>();
        byName.values().forEach(p -> raw.put(p.name(), p.value()));
        VariableExpansion expansion = new VariableExpansion(raw);
        for (SiteXmlReader.Property p : byName.values()) {
            attributes.put(p.name(), expansion.expand(p.value()));
            lines.put(p.name(), (long) p.line());
            if (p.isFinal()) {
                finals.add(p.name());
            }
        }
        attributes.put("_lines", lines);
        attributes.put("_final", finals);
        String fileName = Path.of(file.displayName()).getFileName().toString();
        String type = fileName.endsWith(".xml") ? fileName.substring(0, fileName.length() - 4) : fileName;
        ConfigResource resource = new ConfigResource(Framework.HADOOP, type, fileName, type + "." + file.displayName(),
                new Location(file.displayName(), 1, Math.max(1, read.lastLine())), attributes, List.of(), List.of());
        return new ParsedConfig(List.of(resource), problems);
    }
}
