package dev.cloudwarden.engine.posture.source.terraform;

/**
 * An expression Terraform itself would reject (a type mismatch, a missing attribute, a call with wrong arguments).
 * {@code try} and {@code can} catch it as Terraform does; anywhere else the expression's value becomes
 * {@link dev.cloudwarden.engine.posture.model.Unknown}, never a guess.
 */
class EvalException extends RuntimeException {
    EvalException(String message) {
        super(message, null, false, false);
    }
}
