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
public final class CelCondition implements Condition {
    private record Programs(Program applies, Program pass) {
    }

    private final String applies;
    private final String pass;
    /** Compiled now, or when first evaluated (two threads racing compile it twice, to the same programs). */
    private volatile Programs programs;

    private CelCondition(String applies, String pass) {
        this.applies = applies;
        this.pass = pass;
    }

    /** Compiled now: an expression that does not compile is an {@link IllegalArgumentException} saying why. */
    public static CelCondition compile(String applies, String pass) {
        CelCondition c = new CelCondition(applies, pass);
        c.programs();
        return c;
    }

    /**
     * Compiled when first evaluated, for expressions known to compile (the built-in checks: a test compiles every
     * one). CEL's checker builds its whole standard environment for each expression, 650 of which took 2.6 s of the
     * start of every command that only lists checks (posture map, the report's dead spots).
     */
    public static CelCondition deferred(String applies, String pass) {
        return new CelCondition(applies, pass);
    }

    public String applies() {
        return applies;
    }

    public String pass() {
        return pass;
    }

    private Programs programs() {
        Programs p = programs;
        if (p == null) {
            p = new Programs(applies == null ? null : CelLanguage.compile(applies), CelLanguage.compile(pass));
            programs = p;
        }
        return p;
    }

    @Override
    public Outcome evaluate(ConfigResource resource, ResourceGraph graph) {
        CelInput input = graph.input(resource);
        Programs p = programs();
        if (p.applies() != null) {
            Outcome applicable = run(p.applies(), input);
            if (applicable.verdict() == Verdict.FAIL) {
                return Outcome.NOT_APPLICABLE;
            }
            if (applicable.verdict() == Verdict.UNKNOWN) {
                return applicable;
            }
        }
        return run(p.pass(), input);
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
