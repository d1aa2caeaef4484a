package dev.cloudwarden.engine.posture.check;

/** Three-valued logic for Java conditions over values that may be {@link dev.cloudwarden.engine.posture.model.Unknown}. */
enum Tri {
    TRUE, FALSE, UNKNOWN;

    static Tri of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** False wins over unknown: a rule limited to a private range is not exposed whatever its ports say. */
    Tri and(Tri other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    /** True wins over unknown: one rule open to the world is enough. */
    Tri or(Tri other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }
}
