package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionException;

import java.util.Map;

/** A whole-number step parameter ({@code grace_period_seconds}, {@code limit_bytes}) within its bounds. */
record WholeNumber(String name, long fallback, long min, long max) {
    /** Its value in {@code params}, or the fallback when absent; a bad value is an {@link IllegalArgumentException}. */
    long in(Map<String, String> params) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ": " + v);
    }

    /** As {@link #in}, a bad value being the step's error. */
    long forRun(Map<String, String> params) throws ActionException {
        try {
            return in(params);
        } catch (IllegalArgumentException e) {
            throw new ActionException(e.getMessage());
        }
    }
}
