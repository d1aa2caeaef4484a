package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Unknown;

/**
 * Thrown where a function or operator needs the value of something that is {@link Unknown} (a string made of an
 * unknown part, an unknown list element being compared): the whole expression becomes unknown, keeping the
 * references of the unknown part.
 */
final class UnknownValueException extends RuntimeException {
    private final transient Unknown unknown;

    UnknownValueException(Unknown unknown) {
        super(unknown.expression(), null, false, false);
        this.unknown = unknown;
    }

    Unknown unknown() {
        return unknown;
    }
}
