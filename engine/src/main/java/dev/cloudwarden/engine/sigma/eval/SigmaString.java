package dev.cloudwarden.engine.sigma.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value: literal text with {@code *} and {@code ?} wildcards, after the escape rules of the
 * specification ({@code \*}, {@code \?} and {@code \\} are literal; a backslash before anything else is
 * itself). Immutable; modifiers make new ones. Public so that query backends ({@code sigma/convert}) read
 * the same wildcard structure the interpreter matches with.
 */
public record SigmaString(List<Part> parts) {
    public SigmaString {
        parts = List.copyOf(parts);
    }

    /** A run of literal text, or a wildcard. */
    public sealed interface Part permits Literal, Star, One {
    }

    public record Literal(String text) implements Part {
    }

    public record Star() implements Part {
    }

    public record One() implements Part {
    }

    static final Star STAR = new Star();
    static final One ONE = new One();

    public static SigmaString parse(String value) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                lit.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!lit.isEmpty()) {
                    parts.add(new Literal(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(c == '*' ? STAR : ONE);
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) {
            parts.add(new Literal(lit.toString()));
        }
        return new SigmaString(parts);
    }

    static SigmaString literal(String text) {
        return new SigmaString(text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    boolean hasWildcards() {
        return parts.stream().anyMatch(p -> !(p instanceof Literal));
    }

    /** The text of a wildcard-free value. */
    String plain() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(((Literal) p).text());
        }
        return sb.toString();
    }

    boolean startsWithStar() {
        return !parts.isEmpty() && parts.get(0) instanceof Star;
    }

    boolean endsWithStar() {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof Star;
    }

    SigmaString prependStar() {
        if (startsWithStar()) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts.size() + 1);
        p.add(STAR);
        p.addAll(parts);
        return new SigmaString(p);
    }

    SigmaString appendStar() {
        if (endsWithStar()) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts);
        p.add(STAR);
        return new SigmaString(p);
    }

    /** Replaces each literal run through {@code f}, which may return several alternatives. */
    List<SigmaString> mapLiterals(java.util.function.Function<String, List<String>> f) {
        List<List<Part>> results = new ArrayList<>();
        results.add(new ArrayList<>());
        for (Part p : parts) {
            if (p instanceof Literal l) {
                List<String> variants = f.apply(l.text());
                List<List<Part>> next = new ArrayList<>();
                for (List<Part> r : results) {
                    for (String v : variants) {
                        List<Part> copy = new ArrayList<>(r);
                        if (!v.isEmpty()) {
                            copy.add(new Literal(v));
                        }
                        next.add(copy);
                    }
                }
                results = next;
            } else {
                results.forEach(r -> r.add(p));
            }
        }
        return results.stream().map(SigmaString::new).toList();
    }

    /** The value as a rule author would write it, wildcards unescaped. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(l.text().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
            } else {
                sb.append(p instanceof Star ? '*' : '?');
            }
        }
        return sb.toString();
    }
}
