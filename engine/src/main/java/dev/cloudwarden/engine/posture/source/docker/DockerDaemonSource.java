package dev.cloudwarden.engine.posture.source.docker;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.PlainJson;
import dev.cloudwarden.engine.posture.source.SourceText;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker daemon's configuration, from either place it is written.
 *
 * <p>{@code daemon.json}: one resource, framework {@code docker_daemon}, type {@code daemon.json}, name the file name,
 * id {@code daemon.json.<path>}, attributes the JSON object exactly as written ({@code hosts}, {@code tls},
 * {@code tlsverify}, {@code icc}, {@code userns-remap}, {@code live-restore}, {@code log-driver}, ...).
 *
 * <p>A systemd unit or drop-in ({@code docker.service}, or any {@code *.service}/{@code *.conf} in a
 * {@code docker.service.d} folder) whose {@code ExecStart=} runs {@code dockerd}: the same type and attribute names,
 * translated from the command line as dockerd's documentation maps flags to daemon.json keys ({@code -H} →
 * {@code hosts}, see {@link DockerdFlags}), plus {@code _source: "systemd"} and {@code _command} (the command line).
 * When the command line expands a variable ({@code $DOCKER_OPTS}, set in an environment file we do not see), the
 * security-relevant keys it does not set itself are {@code Unknown}, so a check never passes on what it cannot see.
 */
public final class DockerDaemonSource implements ConfigSource.PerFile {
    @Override
    public String name() {
        return "docker daemon";
    }

    @Override
    public boolean accepts(Path file, String head) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String fileName = name.toString();
        if (fileName.equals("daemon.json")) {
            return head.stripLeading().startsWith("{");
        }
        return isSystemdUnit(file) && head.contains("dockerd");
    }

    private static boolean isSystemdUnit(Path file) {
        String fileName = file.getFileName().toString();
        Path parent = file.getParent();
        boolean inDropInFolder = parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("docker.service.d");
        return fileName.equals("docker.service")
                || inDropInFolder && (fileName.endsWith(".conf") || fileName.endsWith(".service"));
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        try {
            SourceText t = SourceText.read(file, 4L * 1024 * 1024);
            if (t.failed()) {
                return ParsedConfig.failed(t.problem());
            }
            return isSystemdUnit(file.path()) ? fromUnit(file, t.text()) : fromJson(file, t.text());
        } catch (RuntimeException bug) {
            return ParsedConfig.failed(new ParseProblem(Location.of(file.displayName(), 0), "unreadable: " + bug));
        }
    }

    private ParsedConfig fromJson(ConfigFile file, String text) {
        PlainJson reader = new PlainJson();
        List<Object> values;
        try {
            values = reader.readAll(text);
        } catch (IOException e) {
            return ParsedConfig.failed(new ParseProblem(Location.of(file.displayName(), PlainJson.lineOf(e)),
                    "not valid JSON: " + PlainJson.reason(e)));
        }
        if (values.size() != 1 || !(values.get(0) instanceof Map<?, ?> object)) {
            return ParsedConfig.failed(new ParseProblem(Location.of(file.displayName(), 1),
                    "daemon.json must be one JSON object"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) object;
        return new ParsedConfig(List.of(resource(file, new Location(file.displayName(), 1,
                Math.max(1, reader.endLine(object))), attributes)), List.of());
    }

    private ParsedConfig fromUnit(ConfigFile file, String text) {
        SystemdExecStart.Found found = SystemdExecStart.last(text);
        if (found == null) {
            return new ParsedConfig(List.of(), List.of());
        }
        Map<String, Object> attributes = new LinkedHashMap<>(DockerdFlags.toDaemonJson(found.words()));
        attributes.put("_source", "systemd");
        attributes.put("_command", found.command());
        return new ParsedConfig(List.of(resource(file, new Location(file.displayName(), found.line(), found.endLine()),
                attributes)), List.of());
    }

    private static ConfigResource resource(ConfigFile file, Location location, Map<String, Object> attributes) {
        String fileName = Path.of(file.displayName()).getFileName().toString();
        return new ConfigResource(Framework.DOCKER_DAEMON, "daemon.json", fileName, "daemon.json." + file.displayName(),
                location, attributes, List.of(), List.of());
    }
}
