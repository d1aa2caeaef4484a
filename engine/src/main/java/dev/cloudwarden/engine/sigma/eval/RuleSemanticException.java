package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.sigma.parse.RuleError;

/** A rule that parses but cannot mean anything: a bad regex, a modifier on the wrong kind of value... */
public final class RuleSemanticException extends Exception {
    private final RuleError error;

    public RuleSemanticException(RuleError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    public RuleError error() {
        return error;
    }
}
