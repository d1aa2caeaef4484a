package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.terraform.hcl.HclParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudwarden.engine.posture.source.terraform.Values.asMap;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asString;

/**
 * {@code file}, {@code fileexists}, {@code templatefile} and the path functions. Paths resolve against the root
 * module's folder (Terraform's working directory) and must stay inside the folders being scanned: a configuration
 * cannot make the scanner read {@code /etc/passwd} into a finding. A file outside, missing or too large gives an
 * unknown value.
 */
final class FileFunctions {
    static final long MAX_FILE_BYTES = 1 << 20;

    private FileFunctions() {
    }

    static void register(Functions f) {
        f.add("file", 1, (a, c) -> {
            String name = asString(a.get(0));
            String text = read(name, c);
            return text == null ? Unknown.of("file(\"" + name + "\")") : text;
        });
        f.add("fileexists", 1, (a, c) -> {
            String name = asString(a.get(0));
            Path p = c.scope().module().resolveFile(name);
            return p == null ? Unknown.of("fileexists(\"" + name + "\")") : (Object) Files.isRegularFile(p);
        });
        f.add("templatefile", 2, FileFunctions::templateFile);
        f.add("basename", 1, (a, c) -> {
            String s = asString(a.get(0));
            int slash = s.lastIndexOf('/');
            return slash < 0 ? s : s.substring(slash + 1);
        });
        f.add("dirname", 1, (a, c) -> {
            String s = asString(a.get(0));
            int slash = s.lastIndexOf('/');
            return slash < 0 ? "." : slash == 0 ? "/" : s.substring(0, slash);
        });
    }

    private static String read(String name, Functions.Context c) {
        Path p = c.scope().module().resolveFile(name);
        try {
            if (p == null || !Files.isRegularFile(p) || Files.size(p) > MAX_FILE_BYTES) {
                return null;
            }
            c.charge(Files.size(p) / 64);
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object templateFile(List<Object> a, Functions.Context c) {
        String name = asString(a.get(0));
        Map<String, Object> vars = asMap(a.get(1));
        String text = read(name, c);
        if (text == null) {
            return Unknown.of("templatefile(\"" + name + "\", ...)");
        }
        HclParser.ParsedTemplate t = HclParser.parseTemplate(name, text);
        if (t.expr() == null) {
            throw new EvalException("templatefile(): " + t.problems().get(0).reason());
        }
        Scope scope = Scope.of(c.scope().module());
        for (Map.Entry<String, Object> v : vars.entrySet()) {
            scope = scope.bind(v.getKey(), v.getValue());
        }
        Object result = c.evaluator().evaluate(t.expr(), scope);
        if (result instanceof Unknown u) {
            return new Unknown("templatefile(\"" + name + "\", ...)", u.references());
        }
        return Values.asString(result);
    }
}
