package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.event.FieldPath;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Literals without which a detection cannot match, worked out from its compiled form: a set of alternatives, at
 * least one of which occurs, case-folded ({@link CaseFold}), in the folded text of a value the rule tests (at its
 * start, for the prefix a pattern such as {@code startswith} anchors). This is
 * what lets a rule group skip rules that pin no field to exact values (keyword searches, {@code contains} on a log
 * line's message, regular expressions) on records that lack all their literals.
 *
 * <p>Derived soundly: AND keeps the most selective operand's alternatives, OR needs every operand to have some and
 * joins them, NOT and anything without a literal (numbers, CIDRs, {@code exists}, {@code null}, field references,
 * cased and encoded values, case-insensitive regular expressions) give none. A value matches a wildcard pattern only
 * if its folded text starts with the folded pattern's first literal run and contains each of the others; a case-sensitive regular expression's required
 * ASCII literal stays contiguous when the text is folded, ASCII letters folding to their lower case.
 */
public final class RequiredLiterals {
    /**
     * @param field  the field at a value of which the literal must occur; null for keyword searches, where any
     *               keyword target ({@link ItemMatcher#keywordTargets}) counts
     * @param folded the literal, case-folded
     * @param prefix whether the folded value must start with it (not just contain it)
     */
    public record Literal(FieldPath field, String folded, boolean prefix) {
        public Literal {
            Objects.requireNonNull(folded, "folded");
        }

        Literal at(FieldPath path) {
            return new Literal(path, folded, prefix);
        }
    }

    /** More selective first: prefixes only (one comparison each), then the longer shortest literal, then fewer. */
    private static final Comparator<Set<Literal>> SELECTIVE = Comparator
            .comparing((Set<Literal> s) -> s.stream().allMatch(Literal::prefix))
            .thenComparingInt(s -> s.stream().mapToInt(l -> l.folded().length()).min().orElse(Integer.MAX_VALUE))
            .thenComparing(Set::size, Comparator.reverseOrder());

    private RequiredLiterals() {
    }

    /** The alternatives for the conditions OR-ed; null when there are none (the rule may match anything). */
    static Set<Literal> of(List<DetectionMatcher> conditions) {
        return union(conditions.stream().map(RequiredLiterals::detection).toList());
    }

    private static Set<Literal> detection(DetectionMatcher d) {
        if (d instanceof DetectionMatcher.All all) {
            return best(all.items().stream().map(RequiredLiterals::detection).toList());
        }
        if (d instanceof DetectionMatcher.Any any) {
            return union(any.items().stream().map(RequiredLiterals::detection).toList());
        }
        if (d instanceof DetectionMatcher.Not) {
            return null; // nothing is required
        }
        ItemMatcher item = ((DetectionMatcher.Item) d).item();
        List<Set<Literal>> perPattern = item.patterns().stream().map(RequiredLiterals::pattern).toList();
        Set<Literal> literals = item.all() ? best(perPattern) : union(perPattern);
        if (literals == null) {
            return null;
        }
        Set<Literal> out = new HashSet<>();
        literals.forEach(l -> out.add(l.at(item.field())));
        return out;
    }

    /** What a value satisfying the pattern holds, one literal of the set at least (field not yet set), or null. */
    private static Set<Literal> pattern(ValuePattern p) {
        if (p instanceof ValuePattern.StringMatch s) {
            if (s.cased()) {
                return null;
            }
            String prefix = s.glob().prefix();
            String longest = s.glob().longestLiteral();
            return !prefix.isEmpty() ? Set.of(new Literal(null, prefix, true))
                    : longest.isEmpty() ? null : Set.of(new Literal(null, longest, false));
        }
        if (p instanceof ValuePattern.ContainsAny c) {
            return c.cased() ? null : union(c.originals().stream().map(RequiredLiterals::pattern).toList());
        }
        if (p instanceof ValuePattern.Regex r) {
            String literal = r.requiredLiteral();
            return r.caseInsensitive() || literal == null || !ascii(literal) ? null
                    : Set.of(new Literal(null, literal.toLowerCase(Locale.ROOT), false));
        }
        if (p instanceof ValuePattern.AnyOf any) {
            return union(any.alternatives().stream().map(RequiredLiterals::pattern).toList());
        }
        return null;
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** OR: each side needs one of its alternatives, so the union is needed; unknown if any side is. */
    private static Set<Literal> union(List<Set<Literal>> sides) {
        Set<Literal> out = new HashSet<>();
        for (Set<Literal> s : sides) {
            if (s == null) {
                return null;
            }
            out.addAll(s);
        }
        return out;
    }

    /** AND: every side's requirement holds, so the most selective known one will do. */
    private static Set<Literal> best(List<Set<Literal>> sides) {
        Set<Literal> best = null;
        for (Set<Literal> s : sides) {
            if (s != null && (best == null || SELECTIVE.compare(s, best) > 0)) {
                best = s;
            }
        }
        return best;
    }
}
