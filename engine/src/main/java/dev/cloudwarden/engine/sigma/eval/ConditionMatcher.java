package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.parse.Identifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A condition with its identifiers resolved once: references point at their compiled search identifiers and
 * {@code 1 of sel*} at the identifiers the pattern selects, so evaluating it looks nothing up by name (matching
 * the pattern per event compiled a regular expression each time).
 */
sealed interface ConditionMatcher {
    boolean test(RawRecord record);

    /** Every operand holds ({@code and}, {@code all of}). */
    record All(List<? extends ConditionMatcher> operands) implements ConditionMatcher {
        @Override
        public boolean test(RawRecord record) {
            for (ConditionMatcher c : operands) {
                if (!c.test(record)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some operand holds ({@code or}, {@code 1 of}). */
    record Any(List<? extends ConditionMatcher> operands) implements ConditionMatcher {
        @Override
        public boolean test(RawRecord record) {
            for (ConditionMatcher c : operands) {
                if (c.test(record)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ConditionMatcher operand) implements ConditionMatcher {
        @Override
        public boolean test(RawRecord record) {
            return !operand.test(record);
        }
    }

    /** A search identifier. */
    record Ref(DetectionMatcher identifier) implements ConditionMatcher {
        @Override
        public boolean test(RawRecord record) {
            return identifier.test(record);
        }
    }

    static ConditionMatcher compile(Condition c, Map<String, DetectionMatcher> identifiers) {
        if (c instanceof Condition.Ref r) {
            return new Ref(identifiers.get(r.identifier()));
        }
        if (c instanceof Condition.And and) {
            return new All(and.operands().stream().map(o -> compile(o, identifiers)).toList());
        }
        if (c instanceof Condition.Or or) {
            return new Any(or.operands().stream().map(o -> compile(o, identifiers)).toList());
        }
        if (c instanceof Condition.Not not) {
            return new Not(compile(not.operand(), identifiers));
        }
        Condition.OfPattern of = (Condition.OfPattern) c;
        List<Ref> selected = new ArrayList<>();
        identifiers.forEach((name, matcher) -> {
            if (of.pattern() == null ? !name.startsWith("_") : Identifiers.matches(of.pattern(), name)) {
                selected.add(new Ref(matcher));
            }
        });
        // "all of" a pattern that selects nothing is false, as "1 of" it is
        return of.all() && !selected.isEmpty() ? new All(selected) : new Any(selected);
    }
}
