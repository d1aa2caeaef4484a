package dev.cloudwarden.engine.posture.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.values.NullValue;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.PartialVars;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.Attributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL dialect of check files: the variables of {@link CelInput}, CEL's standard macros and string, list and set
 * extensions, and a few functions checks keep needing:
 * <ul>
 *   <li>{@code json(s)}: a JSON document in a string (policies are often written as JSON text);</li>
 *   <li>{@code statements(policy)}: an IAM policy (JSON text or object) as its list of statements, each with
 *       {@code Action}, {@code NotAction}, {@code Resource}, {@code NotResource} as lists of strings and
 *       {@code Principal} as a map of lists ({@code "*"} becomes {@code {"AWS": ["*"]}});</li>
 *   <li>{@code is_public_cidr(s)}: {@code 0.0.0.0/0} or {@code ::/0} (the whole internet);</li>
 *   <li>{@code restricts_principal(condition)}: a statement's {@code Condition} narrows who may use it
 *       ({@link IamConditions});</li>
 *   <li>{@code exposes(rule, port)}: one firewall rule, in any dialect {@link Exposure} knows, lets the internet reach
 *       the port.</li>
 *   <li>{@code get(x, "a.b.c", default)} (or {@code get(x, ["a", "b.c"], default)}): the value at a path of map keys,
 *       the default where a key is missing or a value is null; for deep optional settings
 *       ({@code get(c, "securityContext.privileged", false)}). As with every function, an argument holding an
 *       Unknown value makes the result unknown.</li>
 *   <li>Kubernetes ({@link KubernetesWorkloads}): {@code pod_spec(r)} the pod spec of any workload object (Pod,
 *       Deployment, CronJob ...) or null; {@code containers(r)} its containers and init containers (empty when none);
 *       {@code command_line(c)} a container's command and args as whitespace-separated words;
 *       {@code runs(c, "kube-apiserver")} the container runs that program; {@code flags(c)} its {@code --name=value}
 *       options as a map from {@code --name} to the value ({@code "true"} for a bare flag, the last one wins).</li>
 * </ul>
 * Conditions are compiled once and are safe to evaluate from several threads.
 */
public final class CelLanguage {
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().enableUnknownTracking(true).enableHeterogeneousNumericComparisons(true)
                    .comprehensionMaxIterations(100_000).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(CelOptions.DEFAULT),
                    CelExtensions.math(CelOptions.DEFAULT))
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(CelOptions.DEFAULT),
                    CelExtensions.math(CelOptions.DEFAULT))
            .addVar("r", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("resource", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("refs", ListType.create(SimpleType.DYN))
            .addVar("referrers", ListType.create(SimpleType.DYN))
            .addVar("computed", ListType.create(SimpleType.STRING))
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("json",
                            CelOverloadDecl.newGlobalOverload("json_string", SimpleType.DYN, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("statements",
                            CelOverloadDecl.newGlobalOverload("statements_dyn", ListType.create(SimpleType.DYN), SimpleType.DYN)),
                    CelFunctionDecl.newFunctionDeclaration("restricts_principal",
                            CelOverloadDecl.newGlobalOverload("restricts_principal_dyn", SimpleType.BOOL, SimpleType.DYN)),
                    CelFunctionDecl.newFunctionDeclaration("exposes",
                            CelOverloadDecl.newGlobalOverload("exposes_dyn_int", SimpleType.BOOL, SimpleType.DYN, SimpleType.INT)),
                    CelFunctionDecl.newFunctionDeclaration("is_public_cidr",
                            CelOverloadDecl.newGlobalOverload("is_public_cidr_string", SimpleType.BOOL, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("get",
                            CelOverloadDecl.newGlobalOverload("get_dyn_string_dyn", SimpleType.DYN, SimpleType.DYN,
                                    SimpleType.STRING, SimpleType.DYN),
                            CelOverloadDecl.newGlobalOverload("get_dyn_list_dyn", SimpleType.DYN, SimpleType.DYN,
                                    ListType.create(SimpleType.STRING), SimpleType.DYN)),
                    CelFunctionDecl.newFunctionDeclaration("pod_spec",
                            CelOverloadDecl.newGlobalOverload("pod_spec_dyn", SimpleType.DYN, SimpleType.DYN)),
                    CelFunctionDecl.newFunctionDeclaration("containers",
                            CelOverloadDecl.newGlobalOverload("containers_dyn", ListType.create(SimpleType.DYN), SimpleType.DYN)),
                    CelFunctionDecl.newFunctionDeclaration("command_line",
                            CelOverloadDecl.newGlobalOverload("command_line_dyn", ListType.create(SimpleType.STRING), SimpleType.DYN)),
                    CelFunctionDecl.newFunctionDeclaration("runs",
                            CelOverloadDecl.newGlobalOverload("runs_dyn_string", SimpleType.BOOL, SimpleType.DYN, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("flags",
                            CelOverloadDecl.newGlobalOverload("flags_dyn", MapType.create(SimpleType.STRING, SimpleType.STRING),
                                    SimpleType.DYN)))
            .addFunctionBindings(
                    CelFunctionBinding.from("json_string", String.class, CelLanguage::json),
                    CelFunctionBinding.from("statements_dyn", Object.class, CelLanguage::statements),
                    CelFunctionBinding.from("restricts_principal_dyn", Object.class, IamConditions::restrictsPrincipal),
                    CelFunctionBinding.from("exposes_dyn_int", Object.class, Long.class,
                            (rule, port) -> rule instanceof Map<?, ?> m && Exposure.exposes(m, port)),
                    CelFunctionBinding.from("is_public_cidr_string", String.class, CelLanguage::isPublicCidr),
                    CelFunctionBinding.from("get_dyn_string_dyn", List.of(Object.class, String.class, Object.class),
                            a -> lookup(a[0], List.of(((String) a[1]).split("\\.")), a[2])),
                    CelFunctionBinding.from("get_dyn_list_dyn", List.of(Object.class, List.class, Object.class),
                            a -> lookup(a[0], (List<?>) a[1], a[2])),
                    CelFunctionBinding.from("pod_spec_dyn", Object.class, KubernetesWorkloads::podSpec),
                    CelFunctionBinding.from("containers_dyn", Object.class, KubernetesWorkloads::containers),
                    CelFunctionBinding.from("command_line_dyn", Object.class, KubernetesWorkloads::commandLine),
                    CelFunctionBinding.from("runs_dyn_string", Object.class, String.class, KubernetesWorkloads::runs),
                    CelFunctionBinding.from("flags_dyn", Object.class, KubernetesWorkloads::flags))
            .setResultType(SimpleType.DYN)
            .build();

    private CelLanguage() {
    }

    /** Compiles a boolean expression; a syntax or type error names the line and column within the expression. */
    static dev.cel.runtime.Program compile(String expression) {
        try {
            return CEL.createProgram(CEL.compile(expression).getAst());
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("cannot plan: " + e.getMessage(), e);
        }
    }

    /** True, false, or the attributes it could not know; an error is the exception's message. */
    static Object evaluate(dev.cel.runtime.Program program, CelInput input) throws CelEvaluationException {
        Object result = input.unknowns().isEmpty()
                ? program.eval(input.variables())
                : program.eval(PartialVars.of(input.variables(), input.unknowns().toArray(dev.cel.runtime.CelAttributePattern[]::new)));
        return result;
    }

    static String describeUnknown(CelUnknownSet unknown) {
        List<String> names = unknown.attributes().stream().map(Object::toString).sorted().toList();
        return "depends on " + String.join(", ", names);
    }

    private static Object json(String text) throws CelEvaluationException {
        try {
            return CelInput.data(Attributes.freezeValue(Json.MAPPER.readValue(text, Object.class)));
        } catch (JsonProcessingException e) {
            throw new CelEvaluationException("json(): not JSON: " + e.getOriginalMessage());
        }
    }

    private static Object statements(Object policy) throws CelEvaluationException {
        Object doc = policy instanceof String s ? json(s) : policy;
        if (!(doc instanceof Map<?, ?> m)) {
            throw new CelEvaluationException("statements(): not a policy document");
        }
        Object raw = m.get("Statement");
        List<?> list = raw instanceof List<?> l ? l : raw == null ? List.of() : List.of(raw);
        List<Object> out = new ArrayList<>(list.size());
        for (Object s : list) {
            if (!(s instanceof Map<?, ?> statement)) {
                continue;
            }
            Map<String, Object> normal = new LinkedHashMap<>();
            statement.forEach((k, v) -> normal.put(String.valueOf(k), v));
            for (String key : List.of("Action", "NotAction", "Resource", "NotResource")) {
                if (normal.containsKey(key)) {
                    normal.put(key, strings(normal.get(key)));
                }
            }
            Object principal = normal.get("Principal");
            if (principal instanceof String p) {
                normal.put("Principal", Map.of("AWS", List.of(p)));
            } else if (principal instanceof Map<?, ?> pm) {
                Map<String, Object> byKind = new LinkedHashMap<>();
                pm.forEach((k, v) -> byKind.put(String.valueOf(k), strings(v)));
                normal.put("Principal", byKind);
            }
            out.add(normal);
        }
        return out;
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return v == null || v instanceof NullValue ? List.of() : List.of(String.valueOf(v));
    }

    /** The value at a path of map keys, or the default where a key is missing, a value is null or not a map. */
    static Object lookup(Object value, List<?> path, Object fallback) {
        Object v = value;
        for (Object key : path) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return fallback;
            }
            v = m.get(key);
        }
        return v == null || v instanceof NullValue ? fallback : v;
    }

    static boolean isPublicCidr(String cidr) {
        String c = cidr.trim();
        return c.equals("0.0.0.0/0") || c.equals("::/0") || c.equals("*") || c.equalsIgnoreCase("Internet")
                || c.equalsIgnoreCase("Any");
    }
}
