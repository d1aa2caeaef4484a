package dev.cloudwarden.engine.posture.source.arm;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.JsonTrees;
import dev.cloudwarden.engine.posture.source.SourceTexts;
import dev.cloudwarden.engine.posture.source.SourceTree;
import dev.cloudwarden.engine.posture.source.TreeException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Resource Manager templates: JSON whose {@code $schema} is a deployment template schema.
 *
 * <p>Each entry of {@code resources} (an array, or with {@code languageVersion 2.0} an object by symbolic name;
 * {@code existing} resources are not deployed and left out), and each child resource declared inside its parent's own
 * {@code resources}, is one resource. A child written with a short type ({@code config}) gets the full type and name
 * ARM gives it: the parent's type + {@code /} + its type, the parent's name + {@code /} + its name.
 *
 * <p>Type: the full type. Name: the name {@link ArmEvaluator evaluated}, or as written when it cannot be. Id:
 * {@code type.name} as Checkov writes it: a name that is exactly {@code [parameters('p')]} or {@code [variables('v')]}
 * becomes the parameter's {@code defaultValue} or the variable's value as written, any other name stays as written
 * ({@code Microsoft.Web/sites/config.[concat(parameters('site'), '/web')]}). Attributes: the whole resource object
 * evaluated ({@code type}, {@code name}, {@code apiVersion}, {@code location}, {@code kind}, {@code sku},
 * {@code properties}, {@code tags}, {@code dependsOn}, {@code resources} ...), {@code type} and {@code name} in their
 * full form. References: the ids of the template's resources reached by {@code resourceId()}, {@code reference()}
 * and {@code dependsOn} (by value, or by a name written the same way when it cannot be evaluated); resources outside
 * the template are not listed. Skips: {@link ArmSkips}.
 */
public final class ArmSource implements ConfigSource.PerFile {
    private static final Pattern SCHEMA = Pattern.compile("(?i)\"\\$schema\"\\s*:\\s*\"[^\"]*deploymentTemplate");
    private static final Pattern WHOLE_PARAMETER = Pattern.compile(
            "^\\[\\s*parameters\\(\\s*'([^']*)'\\s*\\)\\s*]$");
    private static final Pattern WHOLE_VARIABLE = Pattern.compile("^\\[\\s*variables\\(\\s*'([^']*)'\\s*\\)\\s*]$");
    private static final int MAX_NESTING = 10;

    @Override
    public String name() {
        return "ARM";
    }

    @Override
    public boolean accepts(Path file, String head) {
        return SourceTexts.extension(file).equals("json") && SCHEMA.matcher(head).find();
    }

    @Override
    public ParsedConfig parse(ConfigFile file) {
        SourceTexts.Text text = SourceTexts.read(file);
        if (text instanceof SourceTexts.Unreadable u) {
            return ParsedConfig.failed(u.problem());
        }
        return parse(file.displayName(), ((SourceTexts.Read) text).text());
    }

    /** Reads a template's text; never throws for bad input. */
    public ParsedConfig parse(String file, String text) {
        List<ConfigResource> resources = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        try {
            template(file, JsonTrees.read(text), resources, problems);
        } catch (TreeException e) {
            problems.add(new ParseProblem(Location.of(file, e.line()), e.reason()));
        } catch (RuntimeException | StackOverflowError bug) {
            problems.add(new ParseProblem(Location.of(file, 0), "ARM reader failed: " + bug));
        }
        return new ParsedConfig(resources, problems);
    }

    /** One resource found in the template, before its attributes are evaluated. */
    private record Declared(Map<?, ?> raw, String type, String idName, Object fullName, String writtenName,
                            Location location) {
        String id() {
            return type + "." + idName;
        }
    }

    @SuppressWarnings("unchecked")
    private void template(String file, SourceTree tree, List<ConfigResource> out, List<ParseProblem> problems) {
        if (!(tree.root() instanceof Map<?, ?> root)) {
            problems.add(new ParseProblem(Location.of(file, tree.span().line()), "template is not a JSON object"));
            return;
        }
        Map<String, Object> parameters = section(root, "parameters");
        Map<String, Object> variables = section(root, "variables");
        ArmEvaluator evaluator = new ArmEvaluator(parameters, variables);
        List<Declared> declared = new ArrayList<>();
        collect(file, tree, root.get("resources"), null, evaluator, parameters, variables, declared, problems, 0);
        evaluator.resources(new ArmEvaluator.Resources() {
            @Override
            public List<String> byName(String name) {
                return declared.stream().filter(d -> name.equals(d.fullName()) || name.equals(d.idName()))
                        .map(Declared::id).toList();
            }

            @Override
            public String byTypeAndName(String type, String name) {
                return declared.stream().filter(d -> d.type().equalsIgnoreCase(type)
                                && (name.equals(d.fullName()) || name.equals(d.idName())))
                        .map(Declared::id).findFirst().orElse(null);
            }

            @Override
            public List<String> byWrittenName(String type, String canonicalName) {
                return declared.stream().filter(d -> (type == null || d.type().equalsIgnoreCase(type))
                        && canonicalName.equals(d.writtenName())).map(Declared::id).toList();
            }
        });
        for (Declared d : declared) {
            out.add(resource(d, evaluator, declared));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<?, ?> root, String name) {
        return root.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private void collect(String file, SourceTree tree, Object section, Declared parent, ArmEvaluator evaluator,
                         Map<String, Object> parameters, Map<String, Object> variables, List<Declared> out,
                         List<ParseProblem> problems, int depth) {
        if (section == null || depth > MAX_NESTING) {
            return;
        }
        List<?> entries;
        if (section instanceof List<?> l) {
            entries = l;
        } else if (section instanceof Map<?, ?> bySymbolicName) {
            entries = new ArrayList<>(bySymbolicName.values());
        } else {
            problems.add(new ParseProblem(parent == null ? Location.of(file, tree.span().line()) : parent.location(),
                    "resources is neither an array nor an object"));
            return;
        }
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> r)) {
                problems.add(new ParseProblem(tree.locationOf(file, section), "a resource is not a JSON object"));
                continue;
            }
            Location location = tree.locationOf(file, r);
            if (Boolean.TRUE.equals(r.get("existing"))) {
                continue;
            }
            if (!(r.get("type") instanceof String type) || type.isBlank() || !r.containsKey("name")) {
                problems.add(new ParseProblem(location, "resource without a type or name"));
                continue;
            }
            String writtenName = r.get("name") instanceof String s ? s : String.valueOf(r.get("name"));
            String idName = checkovName(writtenName, parameters, variables);
            Object fullName = evaluator.value(r.get("name"), new LinkedHashSet<>());
            if (!(fullName instanceof String)) {
                fullName = writtenName;
            }
            if (parent != null && !type.contains("/")) {
                type = parent.type() + "/" + type;
                idName = parent.idName() + "/" + idName;
                fullName = parent.fullName() + "/" + fullName;
            }
            Declared d = new Declared(r, type, idName, fullName, canonicalName(writtenName), location);
            out.add(d);
            collect(file, tree, r.get("resources"), d, evaluator, parameters, variables, out, problems, depth + 1);
        }
    }

    /** A name as written, in {@link Expression#canonical} form when it is an expression. */
    private static String canonicalName(String written) {
        if (!ArmEvaluator.isExpression(written)) {
            return "'" + written.replace("'", "''") + "'";
        }
        try {
            return Expression.canonical(Expression.parse(written.substring(1, written.length() - 1)));
        } catch (Expression.SyntaxError e) {
            return written;
        }
    }

    /** Checkov's name for the id: a whole-string parameter or variable reference replaced by its value as written. */
    static String checkovName(String written, Map<String, Object> parameters, Map<String, Object> variables) {
        Matcher p = WHOLE_PARAMETER.matcher(written);
        if (p.matches() && parameters.get(p.group(1)) instanceof Map<?, ?> declaration
                && declaration.get("defaultValue") instanceof String s) {
            return s;
        }
        Matcher v = WHOLE_VARIABLE.matcher(written);
        if (v.matches() && variables.get(v.group(1)) instanceof String s) {
            return s;
        }
        return written;
    }

    private ConfigResource resource(Declared d, ArmEvaluator evaluator, List<Declared> all) {
        Set<String> refs = new LinkedHashSet<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        // Child resources stay in their parent's attributes, as written, but their references are their own.
        d.raw().forEach((k, v) -> attributes.put(String.valueOf(k),
                evaluator.value(v, "resources".equals(k) ? new LinkedHashSet<>() : refs)));
        Object evaluatedName = attributes.get("name");
        attributes.put("type", d.type());
        attributes.put("name", evaluatedName instanceof Unknown ? evaluatedName : d.fullName());
        if (attributes.get("dependsOn") instanceof List<?> dependsOn) {
            for (Object target : dependsOn) {
                if (target instanceof String s) {
                    refs.addAll(dependency(s, all));
                }
            }
        }
        refs.remove(d.id());
        String name = d.fullName() instanceof String s ? s : d.idName();
        return new ConfigResource(Framework.ARM, d.type(), name, d.id(), d.location(), attributes,
                List.copyOf(refs), ArmSkips.of(d.raw().get("metadata")));
    }

    /** A {@code dependsOn} entry: a resource name, or {@code type/name} with the type's namespace. */
    private static List<String> dependency(String target, List<Declared> all) {
        List<String> ids = new ArrayList<>();
        for (Declared d : all) {
            String full = d.fullName() instanceof String s ? s : d.idName();
            if (target.equals(full) || target.equals(d.idName())
                    || target.toLowerCase(Locale.ROOT).equals((d.type() + "/" + full).toLowerCase(Locale.ROOT))) {
                ids.add(d.id());
            }
        }
        return ids;
    }
}
