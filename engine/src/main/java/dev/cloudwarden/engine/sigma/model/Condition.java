package dev.cloudwarden.engine.sigma.model;

import java.util.List;

/** The parsed {@code condition} expression. */
public sealed interface Condition
        permits Condition.And, Condition.Or, Condition.Not, Condition.Ref, Condition.OfPattern {

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {
    }

    /** A search identifier by name. */
    record Ref(String identifier) implements Condition {
    }

    /**
     * {@code 1 of pattern}, {@code all of pattern}, {@code 1 of them}, {@code all of them}. {@code pattern}
     * is null for "them" (every identifier not starting with an underscore); it may hold {@code *}.
     */
    record OfPattern(boolean all, String pattern) implements Condition {
    }
}
