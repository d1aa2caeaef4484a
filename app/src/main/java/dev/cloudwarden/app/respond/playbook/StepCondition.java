package dev.cloudwarden.app.respond.playbook;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityExtractor;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's {@code when}, in CEL over the incident as plain data: {@code incident.severity} ({@code "high"}),
 * {@code incident.score}, {@code incident.categories} ({@code ["T3", "A2"]}), {@code incident.techniques},
 * {@code incident.motive}, {@code incident.entities} (type → values: {@code incident.entities["instance"]}),
 * {@code target}, the entity the step would act on, and {@code target_public}, whether it is an internet address
 * (not private or special-purpose: a response should not block its own estate). For example
 * {@code incident.severity == "critical" || "A1" in incident.categories}.
 */
public final class StepCondition {
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("incident", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("target", SimpleType.STRING)
            .addVar("target_public", SimpleType.BOOL)
            .setResultType(SimpleType.BOOL)
            .build();

    private final String expression;
    private final Program program;

    private StepCondition(String expression, Program program) {
        this.expression = expression;
        this.program = program;
    }

    /** Compiles {@code expression}; a syntax or type error is an {@link IllegalArgumentException} saying where. */
    public static StepCondition compile(String expression) {
        try {
            return new StepCondition(expression, CEL.createProgram(CEL.compile(expression).getAst()));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Whether the step runs on {@code target}; an error while evaluating (a missing key) counts as false, and says so. */
    public Result test(Incident incident, Entity target) {
        try {
            boolean isPublic = target.type() == EntityType.IP && EntityExtractor.isPublicAddress(target.value());
            return new Result(Boolean.TRUE.equals(program.eval(Map.of("incident", variables(incident),
                    "target", target.value(), "target_public", isPublic))), null);
        } catch (CelEvaluationException e) {
            return new Result(false, "when '" + expression + "' could not be evaluated: " + e.getMessage());
        }
    }

    /** The outcome, and why it is false when the expression failed. */
    public record Result(boolean holds, String error) {
    }

    static Map<String, Object> variables(Incident incident) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("id", incident.id());
        vars.put("severity", incident.severity() == null ? "" : incident.severity().id());
        vars.put("score", (long) incident.score());
        List<String> categories = new ArrayList<>(incident.classification().initialAccess());
        categories.addAll(incident.classification().actions());
        categories.addAll(incident.classification().malware());
        vars.put("categories", categories);
        vars.put("techniques", incident.techniques());
        vars.put("motive", incident.classification().motive().id());
        Map<String, List<String>> entities = new LinkedHashMap<>();
        for (Entity e : incident.entities()) {
            entities.computeIfAbsent(e.type().id(), k -> new ArrayList<>()).add(e.value());
        }
        vars.put("entities", entities);
        return vars;
    }
}
