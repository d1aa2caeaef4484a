package dev.cloudwarden.engine.sigma.parse;

/** Carries one rule error out of the parser's recursive descent. */
final class RuleParseException extends Exception {
    final RuleError error;

    RuleParseException(RuleError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }
}
