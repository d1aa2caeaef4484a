package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.terraform.ModuleDefinition.Declaration;
import dev.cloudwarden.engine.posture.source.terraform.ModuleDefinition.Kind;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Body;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Expr;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One evaluated module: the root module of a folder, or a local module ({@code source = "./x"}) called from it, with
 * the address prefix its resources get ({@code module.vpc.}, {@code module.s3["a"].}). Variables, locals, other
 * resources' attributes and module outputs are evaluated on first use and remembered; a cycle among them gives
 * {@link Unknown}.
 */
final class ModuleInstance {
    /** More instances than this from one count or for_each and the block is kept as one, unexpanded. */
    static final int MAX_INSTANCES = 1000;
    static final int MAX_MODULE_DEPTH = 8;

    private static final Object IN_PROGRESS = new Object();
    private static final Set<String> MODULE_META = Set.of("source", "version", "count", "for_each", "providers",
            "depends_on");

    record Resolved(Object value, int consumed) {
    }

    /** One instance of a counted or for_each block: its address suffix and the scope binding count or each. */
    record Instance(String suffix, Scope scope) {
    }

    private final ModuleDefinition def;
    private final String prefix;
    private final Map<String, Supplier<Object>> inputs;
    /** For a called module: what each input's expression in the caller refers to. */
    private Map<String, Supplier<List<String>>> inputReferences;
    private final Evaluator evaluator;
    private final ModuleLoader loader;
    private final Path rootFolder;
    private final List<Path> allowedFolders;
    private final int depth;
    private final Map<String, Object> cache = new HashMap<>();
    private final Map<String, List<ChildModule>> children = new HashMap<>();

    private record ChildModule(String suffix, ModuleInstance instance) {
    }

    ModuleInstance(ModuleDefinition def, String prefix, Map<String, Supplier<Object>> inputs, Evaluator evaluator,
                   ModuleLoader loader, Path rootFolder, List<Path> allowedFolders, int depth) {
        this.def = def;
        this.prefix = prefix;
        this.inputs = inputs;
        this.evaluator = evaluator;
        this.loader = loader;
        this.rootFolder = rootFolder;
        this.allowedFolders = allowedFolders;
        this.depth = depth;
    }

    /** The root module of a folder, its variables set by its tfvars files. */
    static ModuleInstance root(ModuleDefinition def, Evaluator evaluator, ModuleLoader loader) {
        Map<String, Supplier<Object>> inputs = new LinkedHashMap<>();
        ModuleInstance[] self = new ModuleInstance[1];
        def.variableValues.forEach((name, attr) ->
                inputs.put(name, () -> evaluator.evaluateSafely(attr.expr(), Scope.of(self[0]))));
        self[0] = new ModuleInstance(def, "", inputs, evaluator, loader, def.folder, List.of(def.folder), 0);
        return self[0];
    }

    String qualify(String address) {
        return prefix + address;
    }

    // ---- names ----

    Resolved resolve(String name, List<Expr> steps, Scope scope, Expr whole, Evaluator ev) {
        String first = steps.size() > 0 && steps.get(0) instanceof Expr.GetAttr g ? g.name() : null;
        switch (name) {
            case "var":
                return new Resolved(variable(need(first, whole)), 1);
            case "local":
                return new Resolved(local(need(first, whole)), 1);
            case "path":
                return new Resolved(path(need(first, whole)), 1);
            case "terraform":
                if ("workspace".equals(first)) {
                    return new Resolved("default", 1);
                }
                return new Resolved(new Unknown(whole.span().text(), List.of()), steps.size());
            case "count":
            case "each":
                throw new EvalException("'" + name + "' is only available in a block with count or for_each");
            case "self":
                return new Resolved(new Unknown(whole.span().text(), List.of()), steps.size());
            case "module":
                return moduleOutput(need(first, whole), steps, scope, whole);
            case "data": {
                String second = steps.size() > 1 && steps.get(1) instanceof Expr.GetAttr g ? g.name() : null;
                return resourceReference("data." + need(first, whole) + "." + need(second, whole), steps, 2, scope,
                        whole);
            }
            default:
                if (first == null) {
                    throw new EvalException("unknown name '" + name + "'");
                }
                return resourceReference(name + "." + first, steps, 1, scope, whole);
        }
    }

    private static String need(String step, Expr whole) {
        if (step == null) {
            throw new EvalException("incomplete reference " + whole.span().text());
        }
        return step;
    }

    private Object path(String which) {
        return switch (which) {
            case "module" -> {
                Path rel = rootFolder.relativize(def.folder);
                yield rel.toString().isEmpty() ? "." : rel.toString().replace('\\', '/');
            }
            case "root", "cwd" -> ".";
            default -> throw new EvalException("unknown path." + which);
        };
    }

    Object variable(String name) {
        return cached("var." + name, () -> {
            Object value;
            Supplier<Object> input = inputs.get(name);
            Body.Block declared = def.variables.get(name);
            if (input != null && declared != null) {
                value = input.get();
            } else if (declared == null) {
                throw new EvalException("undeclared variable '" + name + "'");
            } else {
                Body.Attribute d = declared.body().attribute("default");
                value = d == null ? Unknown.of("var." + name) : evaluator.evaluateSafely(d.expr(), Scope.of(this));
            }
            return declared == null ? value : convert(value, declared.body().attribute("type"));
        });
    }

    /** Terraform converts a variable's value to its declared primitive type (a "true" string to a bool...). */
    private static Object convert(Object value, Body.Attribute type) {
        if (type == null || value == null || value instanceof Unknown || !(type.expr() instanceof Expr.Variable v)) {
            return value;
        }
        try {
            return switch (v.name()) {
                case "string" -> value instanceof BigDecimal || value instanceof Boolean ? Values.asString(value)
                        : value;
                case "number" -> value instanceof String ? Values.asNumber(value) : value;
                case "bool" -> value instanceof String ? Values.asBool(value) : value;
                default -> value;
            };
        } catch (EvalException e) {
            return value;
        }
    }

    Object local(String name) {
        return cached("local." + name, () -> {
            Body.Attribute a = def.locals.get(name);
            if (a == null) {
                throw new EvalException("undeclared local '" + name + "'");
            }
            return evaluator.evaluateSafely(a.expr(), Scope.of(this));
        });
    }

    /** Memoized, and unknown while being computed, so cycles end. Errors are remembered too. */
    private Object cached(String key, Supplier<Object> compute) {
        Object v = cache.get(key);
        if (v == IN_PROGRESS) {
            return Unknown.of(key + " (cycle)");
        }
        if (v instanceof EvalException e) {
            throw e;
        }
        if (v != null || cache.containsKey(key)) {
            return v;
        }
        cache.put(key, IN_PROGRESS);
        try {
            v = compute.get();
            cache.put(key, v);
            return v;
        } catch (EvalException e) {
            cache.put(key, e);
            throw e;
        } catch (RuntimeException | Error e) {
            cache.remove(key);
            throw e;
        }
    }

    /**
     * {@code TYPE.NAME.attr}: the attribute's configured value when the resource's configuration sets it (or the
     * value of a nested block), else unknown; either way the address is among the references.
     */
    private Resolved resourceReference(String address, List<Expr> steps, int from, Scope scope, Expr whole) {
        String qualified = qualify(address);
        Declaration d = def.resources.get(address);
        int i = from;
        Instance instance = null;
        if (d != null && i < steps.size() && steps.get(i) instanceof Expr.Index index && isRepeated(d)) {
            instance = instance(d, evaluator.evaluateSafely(index.key(), scope));
            i++;
        }
        if (d == null || i >= steps.size() || !(steps.get(i) instanceof Expr.GetAttr g)) {
            return new Resolved(new Unknown(whole.span().text(), List.of(qualified)), steps.size());
        }
        Instance chosen = instance;
        Object attrs = cached("resource " + address + (chosen == null ? "" : chosen.suffix()), () -> {
            Scope s = chosen != null ? chosen.scope() : unexpandedScope(d, Scope.of(this));
            return BlockValues.attributes(d.block().body(), s, evaluator);
        });
        Object v = attrs instanceof Map<?, ?> m ? m.get(g.name()) : attrs;
        if (v == null && !(attrs instanceof Map<?, ?> m2 && m2.containsKey(g.name()))) {
            return new Resolved(new Unknown(whole.span().text(), List.of(qualified)), steps.size());
        }
        if (v instanceof Unknown u) {
            Set<String> refs = new LinkedHashSet<>(u.references());
            refs.add(qualified);
            return new Resolved(new Unknown(whole.span().text(), List.copyOf(refs)), steps.size());
        }
        return new Resolved(v, i + 1);
    }

    private Resolved moduleOutput(String name, List<Expr> steps, Scope scope, Expr whole) {
        String qualified = qualify("module." + name);
        Unknown unknown = new Unknown(whole.span().text(), List.of(qualified));
        Declaration call = def.moduleCalls.get(name);
        if (call == null || steps.size() < 2 || !(steps.get(1) instanceof Expr.GetAttr out)) {
            return new Resolved(unknown, steps.size());
        }
        List<ChildModule> instances = children(call);
        if (instances.size() != 1 || !instances.get(0).suffix().isEmpty()) {
            return new Resolved(unknown, steps.size());
        }
        ModuleInstance child = instances.get(0).instance();
        Object v = child.output(out.name());
        if (v instanceof Unknown u) {
            Set<String> refs = new LinkedHashSet<>(u.references());
            refs.add(qualified);
            return new Resolved(new Unknown(whole.span().text(), List.copyOf(refs)), steps.size());
        }
        return new Resolved(v, 2);
    }

    Object output(String name) {
        return cached("output." + name, () -> {
            Body.Attribute a = def.outputs.get(name);
            if (a == null) {
                return Unknown.of("module output " + name);
            }
            return evaluator.evaluateSafely(a.expr(), Scope.of(this));
        });
    }

    /** A path a file function names, resolved against the working directory, if it stays in the scanned folders. */
    Path resolveFile(String name) {
        try {
            Path p = rootFolder.resolve(name).toAbsolutePath().normalize();
            Path real = Files.exists(p) ? p.toRealPath() : p;
            for (Path allowed : allowedFolders) {
                Path a = allowed.toAbsolutePath().normalize();
                Path aReal = Files.exists(a) ? a.toRealPath() : a;
                if (p.startsWith(a) && real.startsWith(aReal)) {
                    return p;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- references ----

    /**
     * The addresses mentioned, qualified, followed through locals and (in a called module) through the input
     * variables to what the calling expression mentions, so a graph check sees a bucket referenced via a local.
     */
    private List<String> references(References.Mentions m) {
        Set<String> out = new LinkedHashSet<>();
        m.addresses().forEach(a -> out.add(qualify(a)));
        for (String value : m.values()) {
            out.addAll(valueReferences(value));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private List<String> valueReferences(String value) {
        Object cachedRefs = cache.get("refs " + value);
        if (cachedRefs == IN_PROGRESS) {
            return List.of();
        }
        if (cachedRefs instanceof List<?> l) {
            return (List<String>) l;
        }
        cache.put("refs " + value, IN_PROGRESS);
        List<String> refs = List.of();
        if (value.startsWith("local.")) {
            Body.Attribute a = def.locals.get(value.substring("local.".length()));
            if (a != null) {
                refs = references(References.mentions(a.expr()));
            }
        } else if (value.startsWith("var.") && inputReferences != null) {
            refs = inputReferences.getOrDefault(value.substring("var.".length()), () -> List.of()).get();
        }
        cache.put("refs " + value, refs);
        return refs;
    }

    // ---- count and for_each ----

    private static boolean isRepeated(Declaration d) {
        return d.block().body().attribute("count") != null || d.block().body().attribute("for_each") != null;
    }

    /** The scope of a repeated block kept as one: {@code count.index}, {@code each.key}, {@code each.value} unknown. */
    private Scope unexpandedScope(Declaration d, Scope base) {
        Body body = d.block().body();
        if (body.attribute("for_each") != null) {
            Map<String, Object> each = new LinkedHashMap<>();
            List<String> refs = References.of(body.attribute("for_each").expr(), base).stream().map(this::qualify)
                    .toList();
            each.put("key", new Unknown("each.key", refs));
            each.put("value", new Unknown("each.value", refs));
            return base.bind("each", each);
        }
        if (body.attribute("count") != null) {
            Map<String, Object> count = new LinkedHashMap<>();
            count.put("index", Unknown.of("count.index"));
            return base.bind("count", count);
        }
        return base;
    }

    /**
     * The instances of a block: one per key of a known for_each map or set of strings ({@code ["key"]}), one per
     * index of a known count ({@code [0]}), as Checkov names them; otherwise the block kept as one. A count of 0 or
     * an empty for_each also keeps the block as one: its configuration is still worth checking.
     */
    List<Instance> instances(Declaration d, Scope base) {
        Body body = d.block().body();
        Body.Attribute forEach = body.attribute("for_each");
        Body.Attribute count = body.attribute("count");
        if (forEach != null) {
            Object v = evaluator.evaluateSafely(forEach.expr(), base);
            List<Instance> out = new ArrayList<>();
            if (v instanceof Map<?, ?> m && !m.isEmpty() && m.size() <= MAX_INSTANCES) {
                m.forEach((k, x) -> out.add(new Instance(key(String.valueOf(k)), base.bind("each", each(k, x)))));
            } else if (v instanceof List<?> l && !l.isEmpty() && l.size() <= MAX_INSTANCES
                    && l.stream().allMatch(x -> x instanceof String)) {
                new LinkedHashSet<>(l).forEach(x -> out.add(new Instance(key((String) x), base.bind("each", each(x, x)))));
            }
            if (!out.isEmpty()) {
                return out;
            }
        } else if (count != null) {
            Object v = evaluator.evaluateSafely(count.expr(), base);
            if (v instanceof BigDecimal n && Values.isWhole(n) && n.signum() > 0
                    && n.compareTo(BigDecimal.valueOf(MAX_INSTANCES)) <= 0) {
                List<Instance> out = new ArrayList<>();
                for (int i = 0; i < n.intValue(); i++) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("index", Values.number(i));
                    out.add(new Instance("[" + i + "]", base.bind("count", c)));
                }
                return out;
            }
        }
        return List.of(new Instance("", unexpandedScope(d, base)));
    }

    /** The instance {@code TYPE.NAME[key]} names, when the key and the instances are known. */
    private Instance instance(Declaration d, Object key) {
        if (key instanceof Unknown || key == null) {
            return null;
        }
        String suffix = key instanceof BigDecimal n ? "[" + Values.numberText(n) + "]"
                : key instanceof String k ? key(k) : null;
        for (Instance inst : instances(d, Scope.of(this))) {
            if (inst.suffix().equals(suffix)) {
                return inst;
            }
        }
        return null;
    }

    private static Map<String, Object> each(Object key, Object value) {
        Map<String, Object> each = new LinkedHashMap<>();
        each.put("key", key);
        each.put("value", value);
        return each;
    }

    private static String key(String k) {
        return "[\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    // ---- child modules ----

    private List<ChildModule> children(Declaration call) {
        return children.computeIfAbsent(call.name(), n -> loadChildren(call));
    }

    private List<ChildModule> loadChildren(Declaration call) {
        Body.Attribute source = call.block().body().attribute("source");
        if (source == null || depth >= MAX_MODULE_DEPTH
                || !(source.expr() instanceof Expr.Literal l) || !(l.value() instanceof String s)
                || !(s.startsWith("./") || s.startsWith("../"))) {
            return List.of();
        }
        Path folder = def.folder.resolve(s).normalize();
        if (!Files.isDirectory(folder) || resolveFolder(folder) == null || folder.equals(def.folder)) {
            return List.of();
        }
        String display = def.displayFolder.isEmpty() ? Path.of(s).normalize().toString()
                : Path.of(def.displayFolder).resolve(s).normalize().toString();
        ModuleDefinition childDef = loader.loadFolder(folder, display.replace('\\', '/'));
        if (childDef == null) {
            return List.of();
        }
        List<Path> allowed = new ArrayList<>(allowedFolders);
        allowed.add(folder);
        List<ChildModule> out = new ArrayList<>();
        for (Instance inst : instances(call, Scope.of(this))) {
            Map<String, Supplier<Object>> childInputs = new LinkedHashMap<>();
            for (Body.Attribute a : call.block().body().attributes()) {
                if (!MODULE_META.contains(a.name())) {
                    childInputs.put(a.name(), () -> evaluator.evaluateSafely(a.expr(), inst.scope()));
                }
            }
            String childPrefix = prefix + "module." + call.name() + inst.suffix() + ".";
            ModuleInstance child = new ModuleInstance(childDef, childPrefix, childInputs, evaluator, loader,
                    rootFolder, allowed, depth + 1);
            child.inputReferences = new LinkedHashMap<>();
            for (Body.Attribute a : call.block().body().attributes()) {
                if (!MODULE_META.contains(a.name())) {
                    child.inputReferences.put(a.name(), () -> references(References.mentions(a.expr())));
                }
            }
            out.add(new ChildModule(inst.suffix(), child));
        }
        return out;
    }

    /** A module folder is read if it lies inside the scanned root's parent (modules usually sit beside it). */
    private Path resolveFolder(Path folder) {
        Path base = rootFolder.toAbsolutePath().normalize().getParent();
        Path f = folder.toAbsolutePath().normalize();
        return base == null || f.startsWith(base) ? f : null;
    }

    // ---- resources ----

    void emit(List<ConfigResource> out) {
        for (Declaration d : def.declarations) {
            Scope base = Scope.of(this);
            if (d.kind() == Kind.PROVIDER) {
                out.add(resource(d, new Instance("", base)));
            } else if (d.kind() == Kind.MODULE) {
                out.add(resource(d, new Instance("", base)));
                for (ChildModule child : children(d)) {
                    child.instance().emit(out);
                }
            } else {
                for (Instance inst : instances(d, base)) {
                    out.add(resource(d, inst));
                }
            }
        }
    }

    private ConfigResource resource(Declaration d, Instance inst) {
        Body.Block block = d.block();
        Map<String, Object> attributes = PlainData.copyAttributes(
                BlockValues.attributes(block.body(), inst.scope(), evaluator));
        List<String> references = references(References.mentions(block.body()));
        Location location = new Location(d.file().displayName(), block.span().line(), block.span().endLine());
        String type;
        String id;
        switch (d.kind()) {
            case DATA -> {
                type = "data." + d.type();
                id = prefix + d.type() + "." + d.name() + inst.suffix();
            }
            case PROVIDER -> {
                type = "provider." + d.type();
                id = prefix + d.type() + "." + d.name();
            }
            case MODULE -> {
                type = "module";
                id = prefix + "module." + d.name();
            }
            default -> {
                type = d.type();
                id = prefix + d.type() + "." + d.name() + inst.suffix();
            }
        }
        return new ConfigResource(Framework.TERRAFORM, type, d.name(), id, location, attributes, references,
                InlineSkips.within(d.file().hcl().comments(), block.span().line(), block.span().endLine()));
    }
}
