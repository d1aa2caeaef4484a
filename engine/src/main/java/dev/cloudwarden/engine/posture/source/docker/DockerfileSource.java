package dev.cloudwarden.engine.posture.source.docker;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.InlineSkip;
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
import java.util.Locale;
import java.util.Map;

/**
 * Dockerfiles ({@code Dockerfile}, {@code Dockerfile.*}, {@code *.dockerfile}, {@code Containerfile}), read as Docker's
 * Dockerfile reference defines them ({@link DockerfileLexer}).
 *
 * <p>One resource per file: framework {@code dockerfile}, type {@code Dockerfile}, name the file name, id
 * {@code Dockerfile.<path>} (Checkov names its Dockerfile findings {@code <path>.<INSTRUCTION>}, per check rather than
 * per file, so there is no per-file id of Checkov's to copy), location the whole file. Attributes:
 * <pre>
 * instructions: [ {instruction: "RUN", value: "apt-get update", line: 3, endLine: 4, stage: 0,
 *                  flags: {mount: "type=cache,target=/root/.cache"}, args: ["apt-get update"], form: "shell"}, ... ]
 * FROM, RUN, USER, EXPOSE, HEALTHCHECK, ... : the same maps, per instruction, in file order; every instruction of
 *     the reference has its key (an empty list when unused), so {@code size(attributes.USER) == 0} needs no has()
 * stages:  [ {index: 0, name: "build" or null, image: "golang:1.22", line: 1, user: "app" or null}, ... ]
 * last_stage: index of the final stage (-1 when there is no FROM)
 * directives: {escape: "`", syntax: "docker/dockerfile:1"} (parser directives at the top)
 * </pre>
 * Per instruction: {@code value} is the text after the keyword, continuations joined, here-document bodies appended
 * after a newline (each followed by its closing name); {@code line}/{@code endLine} its lines; {@code stage} the index
 * of the FROM it follows (-1 for an ARG before the first FROM); {@code flags} the leading {@code --name=value} options
 * (FROM, RUN, COPY, ADD, HEALTHCHECK; a flag without value is true, a repeated one keeps its last value);
 * {@code args}: exec form → the JSON array; shell form of RUN/CMD/ENTRYPOINT/SHELL → one string, the command;
 * other instructions → the words, quotes removed; {@code form}: "exec"/"shell" for RUN, CMD, ENTRYPOINT, SHELL.
 * Extra fields: FROM {@code image}, {@code imageName}, {@code tag}, {@code digest} (null when absent),
 * {@code alias}; USER {@code user}, {@code group}; EXPOSE {@code ports} (strings, protocol removed) and
 * {@code protocols}; ENV/LABEL/ARG {@code pairs} (name → value, null for an ARG without default); HEALTHCHECK
 * {@code none}; RUN/COPY/ADD with here-documents {@code heredocs: [{name, content}]}. A derived field whose text uses
 * a variable ({@code USER $APP_USER}) is Unknown: a build argument can change it.
 *
 * <p>A stage's {@code user} is the user part of its last USER, else that of the stage it is built from
 * ({@code FROM build AS final}), else null (no USER: the base image's user, root for most). Skips: comments
 * {@code # checkov:skip=CKV_DOCKER_2:reason} anywhere in the file.
 */
public final class DockerfileSource implements ConfigSource.PerFile {
    @Override
    public String name() {
        return "dockerfile";
    }

    @Override
    public boolean accepts(Path file, String head) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        return n.equals("dockerfile") || n.equals("containerfile") || n.endsWith(".dockerfile")
                || (n.startsWith("dockerfile.") || n.startsWith("containerfile.")) && !n.endsWith(".dockerignore");
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        try {
            SourceText t = SourceText.read(file, 8L * 1024 * 1024);
            return t.failed() ? ParsedConfig.failed(t.problem()) : parse(file, t.text());
        } catch (RuntimeException bug) {
            return ParsedConfig.failed(new ParseProblem(Location.of(file.displayName(), 0), "unreadable Dockerfile: " + bug));
        }
    }

    private ParsedConfig parse(ConfigFile file, String text) {
        DockerfileLexer.Lexed lexed = DockerfileLexer.lex(text);
        String where = file.displayName();
        List<ParseProblem> problems = new ArrayList<>();
        lexed.problems().forEach(p -> problems.add(new ParseProblem(Location.of(where, p.line()), p.reason())));
        if (lexed.instructions().isEmpty()) {
            return new ParsedConfig(List.of(), problems);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<Object> instructions = new ArrayList<>();
        Map<String, List<Object>> byKeyword = new LinkedHashMap<>();
        DockerfileInstruction.KNOWN.forEach(k -> byKeyword.put(k, new ArrayList<>()));
        List<Map<String, Object>> stages = new ArrayList<>();
        int stage = -1;
        for (DockerfileLexer.RawInstruction raw : lexed.instructions()) {
            if (raw.keyword().equals("FROM")) {
                stage++;
            }
            Map<String, Object> instruction = DockerfileInstruction.toMap(raw, stage, lexed.escape());
            if (!DockerfileInstruction.KNOWN.contains(raw.keyword())) {
                problems.add(new ParseProblem(Location.of(where, raw.line()), "unknown instruction " + raw.keyword()));
            }
            if (raw.keyword().equals("FROM")) {
                stages.add(newStage(stage, instruction, stages));
            } else if (raw.keyword().equals("USER") && stage >= 0) {
                stages.get(stage).put("user", instruction.get("user"));
            }
            instructions.add(instruction);
            byKeyword.computeIfAbsent(raw.keyword(), k -> new ArrayList<>()).add(instruction);
        }
        if (stages.isEmpty()) {
            problems.add(new ParseProblem(Location.of(where, lexed.instructions().get(0).line()),
                    "no FROM instruction"));
        }
        attributes.put("instructions", instructions);
        attributes.putAll(byKeyword);
        attributes.put("stages", stages);
        attributes.put("last_stage", (long) stages.size() - 1);
        attributes.put("directives", new LinkedHashMap<>(lexed.directives()));
        List<InlineSkip> skips = lexed.skips().stream().map(s -> new InlineSkip(s.checkId(), s.reason())).toList();
        String fileName = Path.of(where).getFileName().toString();
        int lastLine = lexed.instructions().get(lexed.instructions().size() - 1).endLine();
        ConfigResource resource = new ConfigResource(Framework.DOCKERFILE, "Dockerfile", fileName,
                "Dockerfile." + where, new Location(where, 1, Math.max(1, lastLine)), attributes, List.of(), skips);
        return new ParsedConfig(List.of(resource), problems);
    }

    private static Map<String, Object> newStage(int index, Map<String, Object> from, List<Map<String, Object>> earlier) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("index", (long) index);
        s.put("name", from.get("alias"));
        s.put("image", from.get("image"));
        s.put("line", from.get("line"));
        Object user = null;
        for (Map<String, Object> e : earlier) {
            if (e.get("name") instanceof String alias && alias.equalsIgnoreCase(String.valueOf(from.get("image")))) {
                user = e.get("user");
            }
        }
        s.put("user", user);
        return s;
    }
}
