package dev.cloudwarden.engine.posture.source.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.Unknown;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One instruction as the attribute map checks read (see {@link DockerfileSource} for the shape): the text as written,
 * its flags and arguments, and for a few instructions the fields a check asks about (the image of a FROM, the user of
 * a USER, the ports of an EXPOSE). A field that depends on a variable is {@link Unknown}: build arguments can change
 * it.
 */
final class DockerfileInstruction {
    /** The instructions of Docker's reference; each has an index key even when the file does not use it. */
    static final List<String> KNOWN = List.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    private static final Set<String> WITH_FLAGS = Set.of("FROM", "RUN", "COPY", "ADD", "HEALTHCHECK");
    private static final Set<String> COMMANDS = Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL");

    private DockerfileInstruction() {
    }

    static Map<String, Object> toMap(DockerfileLexer.RawInstruction raw, int stage, char escape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instruction", raw.keyword());
        StringBuilder value = new StringBuilder(raw.rest());
        for (DockerfileLexer.Heredoc h : raw.heredocs()) {
            value.append('\n').append(h.content()).append(h.name());
        }
        m.put("value", value.toString());
        m.put("line", (long) raw.line());
        m.put("endLine", (long) raw.endLine());
        m.put("stage", (long) stage);

        String text = raw.rest();
        Map<String, Object> flags = new LinkedHashMap<>();
        if (WITH_FLAGS.contains(raw.keyword())) {
            text = takeFlags(text, escape, flags);
        }
        m.put("flags", flags);
        List<String> exec = COMMANDS.contains(raw.keyword()) || raw.keyword().equals("VOLUME")
                || raw.keyword().equals("COPY") || raw.keyword().equals("ADD") ? jsonArray(text) : null;
        List<Object> args = new ArrayList<>();
        if (exec != null) {
            args.addAll(exec);
            m.put("form", "exec");
        } else if (COMMANDS.contains(raw.keyword())) {
            if (!text.isEmpty()) {
                args.add(text);
            }
            m.put("form", "shell");
        } else if (raw.keyword().equals("HEALTHCHECK")) {
            healthcheck(text, escape, args, m);
        } else {
            args.addAll(DockerWords.split(text, escape));
        }
        m.put("args", args);
        if (!raw.heredocs().isEmpty()) {
            List<Object> docs = new ArrayList<>();
            for (DockerfileLexer.Heredoc h : raw.heredocs()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("name", h.name());
                doc.put("content", h.content());
                docs.add(doc);
            }
            m.put("heredocs", docs);
        }
        switch (raw.keyword()) {
            case "FROM" -> from(args, m);
            case "USER" -> user(args, m);
            case "EXPOSE" -> expose(args, m);
            case "ENV", "LABEL" -> m.put("pairs", pairs(args, true));
            case "ARG" -> m.put("pairs", pairs(args, false));
            default -> {
            }
        }
        return m;
    }

    /** Leading {@code --name=value} / {@code --name} words, into {@code flags} (a repeated flag keeps the last). */
    private static String takeFlags(String text, char escape, Map<String, Object> flags) {
        String rest = text;
        while (rest.startsWith("--")) {
            int end = DockerWords.firstWordEnd(rest, 0, escape);
            String word = DockerWords.unquote(rest.substring(0, end), escape);
            int eq = word.indexOf('=');
            flags.put(eq < 0 ? word.substring(2) : word.substring(2, eq), eq < 0 ? Boolean.TRUE : word.substring(eq + 1));
            rest = rest.substring(end).stripLeading();
        }
        return rest;
    }

    /** The JSON array of strings an exec-form instruction is written as, or null (Docker then reads shell form). */
    static List<String> jsonArray(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            }
            if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
                return null;
            }
            return out;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** {@code HEALTHCHECK NONE} or {@code HEALTHCHECK [options] CMD command}: options are flags, then CMD's args. */
    private static void healthcheck(String text, char escape, List<Object> args, Map<String, Object> m) {
        int end = DockerWords.firstWordEnd(text, 0, escape);
        String first = text.substring(0, end);
        args.add(first.toUpperCase(java.util.Locale.ROOT));
        m.put("none", first.equalsIgnoreCase("NONE"));
        String command = text.substring(end).strip();
        if (!command.isEmpty()) {
            List<String> exec = jsonArray(command);
            if (exec != null) {
                args.addAll(exec);
            } else {
                args.add(command);
            }
        }
    }

    private static void from(List<Object> args, Map<String, Object> m) {
        String image = args.isEmpty() ? "" : (String) args.get(0);
        m.put("image", image);
        Object name = image;
        Object tag = null;
        Object digest = null;
        if (image.contains("$")) {
            name = Unknown.of(image);
            tag = Unknown.of(image);
            digest = Unknown.of(image);
        } else {
            String ref = image;
            int at = ref.indexOf('@');
            if (at >= 0) {
                digest = ref.substring(at + 1);
                ref = ref.substring(0, at);
            }
            int colon = ref.lastIndexOf(':');
            if (colon > ref.lastIndexOf('/')) {
                tag = ref.substring(colon + 1);
                ref = ref.substring(0, colon);
            }
            name = ref;
        }
        m.put("imageName", name);
        m.put("tag", tag);
        m.put("digest", digest);
        m.put("alias", args.size() >= 3 && "AS".equalsIgnoreCase((String) args.get(1)) ? args.get(2) : null);
    }

    private static void user(List<Object> args, Map<String, Object> m) {
        String spec = args.isEmpty() ? "" : (String) args.get(0);
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String group = colon < 0 ? null : spec.substring(colon + 1);
        m.put("user", user.contains("$") ? Unknown.of(spec) : user);
        m.put("group", group == null ? null : group.contains("$") ? Unknown.of(spec) : group);
    }

    /** {@code EXPOSE 80/tcp 22} → ports {@code ["80", "22"]} and protocols {@code ["tcp", "tcp"]}. */
    private static void expose(List<Object> args, Map<String, Object> m) {
        List<Object> ports = new ArrayList<>();
        List<Object> protocols = new ArrayList<>();
        for (Object a : args) {
            String spec = (String) a;
            int slash = spec.indexOf('/');
            String port = slash < 0 ? spec : spec.substring(0, slash);
            ports.add(port.contains("$") ? Unknown.of(spec) : port);
            protocols.add(slash < 0 ? "tcp" : spec.substring(slash + 1).toLowerCase(java.util.Locale.ROOT));
        }
        m.put("ports", ports);
        m.put("protocols", protocols);
    }

    /**
     * ENV and LABEL {@code key=value ...} (or the old {@code ENV key value} form), ARG {@code name[=default]}: a map of
     * names to values as written (quotes removed), null for an ARG without a default.
     */
    private static Map<String, Object> pairs(List<Object> args, boolean legacyForm) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        if (legacyForm && !args.isEmpty() && !((String) args.get(0)).contains("=")) {
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                rest.add((String) args.get(i));
            }
            pairs.put((String) args.get(0), String.join(" ", rest));
            return pairs;
        }
        for (Object a : args) {
            String word = (String) a;
            int eq = word.indexOf('=');
            pairs.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? null : word.substring(eq + 1));
        }
        return pairs;
    }
}
