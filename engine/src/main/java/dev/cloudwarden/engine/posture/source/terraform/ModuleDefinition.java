package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.source.terraform.hcl.Body;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module folder declares, all its files together: resources, data sources, providers, module calls,
 * variables, locals and outputs, plus (for the root module) the values of {@code terraform.tfvars} and
 * {@code *.auto.tfvars}.
 */
final class ModuleDefinition {
    enum Kind { RESOURCE, DATA, PROVIDER, MODULE }

    /** One top-level block that becomes a {@link dev.cloudwarden.engine.posture.model.ConfigResource}. */
    record Declaration(Kind kind, String type, String name, Body.Block block, SourceFile file) {
        /** How expressions in the same module refer to it. */
        String address() {
            return switch (kind) {
                case RESOURCE -> type + "." + name;
                case DATA -> "data." + type + "." + name;
                case MODULE -> "module." + name;
                case PROVIDER -> "provider." + type + "." + name;
            };
        }
    }

    final Path folder;
    final String displayFolder;
    final List<Declaration> declarations = new ArrayList<>();
    final Map<String, Declaration> resources = new LinkedHashMap<>();
    final Map<String, Declaration> moduleCalls = new LinkedHashMap<>();
    final Map<String, Body.Block> variables = new LinkedHashMap<>();
    final Map<String, Body.Attribute> locals = new LinkedHashMap<>();
    final Map<String, Body.Attribute> outputs = new LinkedHashMap<>();
    /** Variable values from tfvars files, later files overriding earlier ones. */
    final Map<String, Body.Attribute> variableValues = new LinkedHashMap<>();

    ModuleDefinition(Path folder, String displayFolder) {
        this.folder = folder;
        this.displayFolder = displayFolder;
    }

    void addConfiguration(SourceFile file) {
        for (Body.Block b : file.hcl().body().blocks()) {
            List<String> l = b.labels();
            switch (b.type()) {
                case "resource", "data" -> {
                    if (l.size() == 2) {
                        Kind kind = b.type().equals("resource") ? Kind.RESOURCE : Kind.DATA;
                        Declaration d = new Declaration(kind, l.get(0), l.get(1), b, file);
                        declarations.add(d);
                        resources.putIfAbsent(d.address(), d);
                    }
                }
                case "provider" -> {
                    if (l.size() == 1) {
                        Body.Attribute alias = b.body().attribute("alias");
                        String name = alias != null && alias.expr() instanceof
                                dev.cloudwarden.engine.posture.source.terraform.hcl.Expr.Literal lit
                                && lit.value() instanceof String s ? s : "default";
                        declarations.add(new Declaration(Kind.PROVIDER, l.get(0), name, b, file));
                    }
                }
                case "module" -> {
                    if (l.size() == 1) {
                        Declaration d = new Declaration(Kind.MODULE, "module", l.get(0), b, file);
                        declarations.add(d);
                        moduleCalls.putIfAbsent(l.get(0), d);
                    }
                }
                case "variable" -> {
                    if (l.size() == 1) {
                        variables.putIfAbsent(l.get(0), b);
                    }
                }
                case "locals" -> b.body().attributes().forEach(a -> locals.putIfAbsent(a.name(), a));
                case "output" -> {
                    Body.Attribute value = b.body().attribute("value");
                    if (l.size() == 1 && value != null) {
                        outputs.putIfAbsent(l.get(0), value);
                    }
                }
                default -> {
                    // terraform, moved, import, check, removed: nothing a check reads
                }
            }
        }
    }

    void addVariableValues(SourceFile file) {
        file.hcl().body().attributes().forEach(a -> variableValues.put(a.name(), a));
    }
}
