package dev.cloudwarden.engine.posture.check;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.Program;
import dev.cloudwarden.engine.posture.model.ConfigResource;

/**
 * A condition from a check file: {@code pass}, true when the resource is configured well, and optionally
 * {@code applies}, false when the check has nothing to say about the resource. Either may come out unknown (see
 * {@link CelInput}); an evaluation error (a missing key read without {@code has()}) is an unknown verdict naming the
 * error, never a pass or a fail.
 */
public record CelCondition(String applies, String pass, Program appliesProgram, Program passProgram) implements Condition {
    public static CelCondition compile(String applies, String pass) {
        return new CelCondition(applies, pass, applies == null ? null : CelLanguage.compile(applies),
                CelLanguage.compile(pass));
    }

    @Override
    public Outcome evaluate(ConfigResource resource, ResourceGraph graph) {
        CelInput input = graph.input(resource);
        if (appliesProgram != null) {
            Outcome applicable = run(appliesProgram, input);
            if (applicable.verdict() == Verdict.FAIL) {
                return Outcome.NOT_APPLICABLE;
            }
            if (applicable.verdict() == Verdict.UNKNOWN) {
                return applicable;
            }
        }
        return run(passProgram, input);
    }

    private static Outcome run(Program program, CelInput input) {
        try {
            Object result = CelLanguage.evaluate(program, input);
            if (result instanceof Boolean b) {
                return Outcome.of(b);
            }
            if (result instanceof CelUnknownSet unknown) {
                return Outcome.unknown(CelLanguage.describeUnknown(unknown));
            }
            return Outcome.unknown("error: the condition gave " + result + ", not true or false");
        } catch (CelEvaluationException e) {
            return Outcome.unknown("error: " + e.getMessage());
        }
    }
}
