package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.feed.StixPattern.*;

import java.util.regex.Pattern;

/** Prints a {@link StixPattern} tree as text that parses back to the same tree. */
final class StixPatternPrinter {
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private StixPatternPrinter() {
    }

    static void observation(Observation o, StringBuilder sb) {
        if (o instanceof Simple s) {
            sb.append('[');
            comparison(s.comparison(), sb);
            sb.append(']');
        } else if (o instanceof Join j) {
            for (int i = 0; i < j.parts().size(); i++) {
                if (i > 0) {
                    sb.append(' ').append(j.op().name()).append(' ');
                }
                Observation p = j.parts().get(i);
                // A join inside a join always gets parentheses: they are what made it a separate node.
                boolean paren = p instanceof Join;
                if (paren) {
                    sb.append('(');
                }
                observation(p, sb);
                if (paren) {
                    sb.append(')');
                }
            }
        } else if (o instanceof Qualified q) {
            boolean paren = q.observation() instanceof Join;
            if (paren) {
                sb.append('(');
            }
            observation(q.observation(), sb);
            if (paren) {
                sb.append(')');
            }
            sb.append(' ');
            qualifier(q.qualifier(), sb);
        } else {
            throw new AssertionError(o);
        }
    }

    static void qualifier(Qualifier q, StringBuilder sb) {
        if (q instanceof Within w) {
            sb.append("WITHIN ").append(w.seconds().toPlainString()).append(" SECONDS");
        } else if (q instanceof Repeats r) {
            sb.append("REPEATS ").append(r.times()).append(" TIMES");
        } else if (q instanceof StartStop s) {
            sb.append("START ");
            literal(s.start(), sb);
            sb.append(" STOP ");
            literal(s.stop(), sb);
        } else {
            throw new AssertionError(q);
        }
    }

    static void comparison(Comparison c, StringBuilder sb) {
        if (c instanceof Bool b) {
            for (int i = 0; i < b.parts().size(); i++) {
                if (i > 0) {
                    sb.append(' ').append(b.op().name()).append(' ');
                }
                Comparison p = b.parts().get(i);
                boolean paren = p instanceof Bool;
                if (paren) {
                    sb.append('(');
                }
                comparison(p, sb);
                if (paren) {
                    sb.append(')');
                }
            }
        } else if (c instanceof PropTest t) {
            path(t.path(), sb);
            sb.append(' ');
            if (t.negated()) {
                sb.append("NOT ");
            }
            sb.append(t.op().token).append(' ');
            literal(t.value(), sb);
        } else if (c instanceof Exists e) {
            sb.append(e.negated() ? "NOT EXISTS " : "EXISTS ");
            path(e.path(), sb);
        } else {
            throw new AssertionError(c);
        }
    }

    static void path(ObjectPath p, StringBuilder sb) {
        sb.append(p.objectType()).append(':');
        boolean first = true;
        for (Step s : p.steps()) {
            if (s instanceof Key k) {
                if (!first) {
                    sb.append('.');
                }
                if (IDENT.matcher(k.name()).matches() && !StixPatternParser.isKeyword(k.name())) {
                    sb.append(k.name());
                } else {
                    string(k.name(), sb);
                }
            } else if (s instanceof Index i) {
                sb.append('[').append(i.index() == null ? "*" : i.index().toString()).append(']');
            } else {
                throw new AssertionError(s);
            }
            first = false;
        }
    }

    static void literal(Literal l, StringBuilder sb) {
        if (l instanceof Str s) {
            string(s.value(), sb);
        } else if (l instanceof Int i) {
            sb.append(i.value());
        } else if (l instanceof Flt f) {
            String t = f.value().toPlainString();
            sb.append(t.contains(".") ? t : t + ".0");
        } else if (l instanceof BoolLit b) {
            sb.append(b.value());
        } else if (l instanceof Binary b) {
            sb.append("b'").append(b.base64()).append('\'');
        } else if (l instanceof Hex h) {
            sb.append("h'").append(h.hex()).append('\'');
        } else if (l instanceof Timestamp t) {
            sb.append("t'").append(t.text()).append('\'');
        } else if (l instanceof SetLit set) {
            sb.append('(');
            for (int i = 0; i < set.values().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                literal(set.values().get(i), sb);
            }
            sb.append(')');
        } else {
            throw new AssertionError(l);
        }
    }

    /** A string literal: {@code '} and {@code \} escaped with a backslash, the only two escapes STIX has. */
    static void string(String s, StringBuilder sb) {
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    /** {@code s} as a STIX string literal, quotes included. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(s, sb);
        return sb.toString();
    }
}
