package dev.cloudwarden.engine.posture.check;

/** A verdict and, for unknown ones, what was not known (or which error the condition raised). */
public record Outcome(Verdict verdict, String detail) {
    public static final Outcome PASS = new Outcome(Verdict.PASS, "");
    public static final Outcome FAIL = new Outcome(Verdict.FAIL, "");
    public static final Outcome NOT_APPLICABLE = new Outcome(Verdict.NOT_APPLICABLE, "");

    public static Outcome of(boolean passed) {
        return passed ? PASS : FAIL;
    }

    public static Outcome unknown(String why) {
        return new Outcome(Verdict.UNKNOWN, why);
    }
}
