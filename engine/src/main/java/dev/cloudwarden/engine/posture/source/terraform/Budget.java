package dev.cloudwarden.engine.posture.source.terraform;

/**
 * Bounds the work one module folder may cost: every expression evaluated and every element a function walks is
 * charged, so hostile input (nested {@code for} over huge ranges, strings doubled through a chain of locals) ends as
 * unknown values instead of a hang. Once spent, every further evaluation fails at once.
 */
final class Budget {
    static final long DEFAULT_STEPS = 5_000_000;
    static final int MAX_STRING = 1 << 20;
    static final int MAX_COLLECTION = 100_000;

    private long remaining;
    private boolean exhausted;

    Budget(long steps) {
        this.remaining = steps;
    }

    void charge(long steps) {
        remaining -= steps;
        if (remaining < 0) {
            exhausted = true;
            throw new EvalException("evaluation budget exhausted");
        }
    }

    boolean exhausted() {
        return exhausted;
    }

    static String checkString(String s) {
        if (s.length() > MAX_STRING) {
            throw new EvalException("string longer than " + MAX_STRING + " characters");
        }
        return s;
    }

    static <T extends java.util.Collection<?>> T checkSize(T c) {
        if (c.size() > MAX_COLLECTION) {
            throw new EvalException("collection larger than " + MAX_COLLECTION + " elements");
        }
        return c;
    }
}
