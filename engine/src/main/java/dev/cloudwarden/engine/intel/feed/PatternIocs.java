package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;
import dev.cloudwarden.engine.intel.feed.StixPattern.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values CloudWarden can match in a STIX pattern. CloudWarden matches indicators value by value (one address,
 * one domain, one hash at a time, in any event), so a pattern becomes a set of values:
 *
 * <ul>
 *   <li>{@code path = 'v'}, {@code path IN ('a', 'b')} and {@code LIKE} without wildcards give their values; an
 *       {@code ISSUBSET 'cidr'} on an address gives the range; {@code domain-name:value LIKE '%.example.com'}
 *       gives {@code example.com} (a domain indicator also matches its subdomains, so this is slightly broader:
 *       it matches {@code example.com} itself too).</li>
 *   <li>{@code OR} (inside a bracket or between observations) gives the values of every side: the pattern
 *       matches when any of them is seen, exactly as a set of indicators does.</li>
 *   <li>{@code AND} and {@code FOLLOWEDBY} need all their sides; one value alone is only part of the evidence.
 *       Each value under an AND is still imported, on its own, marked {@link Ioc#partial}: the reader gives it a
 *       low confidence and the label {@code pattern:partial}, so a match is a lead rather than a detection.</li>
 *   <li>Qualifiers ({@code WITHIN}, {@code REPEATS}, {@code START/STOP}) are noted, not enforced.</li>
 *   <li>Negations, {@code !=}, orderings, {@code MATCHES}, {@code EXISTS}, {@code ISSUPERSET}, and object paths
 *       CloudWarden does not match (custom {@code x-} objects, file names, certificates...) give no value and a
 *       problem naming the comparison; the pattern's other values are still imported.</li>
 * </ul>
 */
public final class PatternIocs {
    private static final Pattern LIKE_WILDCARD = Pattern.compile("[%_]");

    /** One value: {@code partial} when it sits under an AND or FOLLOWEDBY (see the class comment). */
    public record Ioc(IocType type, String value, boolean partial) {
    }

    /**
     * What a pattern gave.
     *
     * @param iocs     distinct values in the order of the pattern (a value both exact and partial counts as exact)
     * @param problems comparisons that gave no value, each with why
     * @param notes    what was parsed but not enforced (qualifiers)
     */
    public record Extraction(List<Ioc> iocs, List<String> problems, List<String> notes) {
        public Extraction {
            iocs = List.copyOf(iocs);
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }
    }

    private final Map<String, Ioc> iocs = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PatternIocs() {
    }

    public static Extraction extract(StixPattern pattern) {
        PatternIocs x = new PatternIocs();
        x.observation(pattern.root(), false);
        return new Extraction(List.copyOf(x.iocs.values()), x.problems, x.notes);
    }

    private void observation(Observation o, boolean partial) {
        if (o instanceof Simple s) {
            comparison(s.comparison(), partial);
        } else if (o instanceof Join j) {
            for (Observation p : j.parts()) {
                observation(p, partial || j.op() != ObservationOp.OR);
            }
        } else if (o instanceof Qualified q) {
            StringBuilder sb = new StringBuilder();
            StixPatternPrinter.qualifier(q.qualifier(), sb);
            notes.add("qualifier " + sb + " is noted, not enforced");
            observation(q.observation(), partial);
        } else {
            throw new AssertionError(o);
        }
    }

    private void comparison(Comparison c, boolean partial) {
        if (c instanceof Bool b) {
            for (Comparison p : b.parts()) {
                comparison(p, partial || b.op() == BoolOp.AND);
            }
        } else if (c instanceof PropTest t) {
            test(t, partial);
        } else if (c instanceof Exists e) {
            problems.add(text(c) + ": EXISTS is not matched value by value");
        } else {
            throw new AssertionError(c);
        }
    }

    private enum Kind { ADDRESS, DOMAIN, URL, MD5, SHA1, SHA256, EMAIL, USER_AGENT, HOST, ACCOUNT }

    private void test(PropTest t, boolean partial) {
        Kind kind = kind(t.path());
        if (kind == null) {
            problems.add(text(t) + ": unsupported object path " + t.path());
            return;
        }
        if (t.negated()) {
            problems.add(text(t) + ": a negated comparison is not matched value by value");
            return;
        }
        switch (t.op()) {
            case EQ -> value(t, kind, t.value(), partial);
            case IN -> {
                for (Literal v : ((SetLit) t.value()).values()) {
                    value(t, kind, v, partial);
                }
            }
            case LIKE -> {
                String v = ((Str) t.value()).value();
                if (!LIKE_WILDCARD.matcher(v).find()) {
                    value(t, kind, t.value(), partial);
                } else if (kind == Kind.DOMAIN && v.startsWith("%.") && !LIKE_WILDCARD.matcher(v.substring(2)).find()) {
                    add(t, IocType.DOMAIN, v.substring(2), partial);
                } else {
                    problems.add(text(t) + ": a LIKE with wildcards is not matched value by value"
                            + (kind == Kind.DOMAIN ? " (only '%.domain' is)" : ""));
                }
            }
            case ISSUBSET -> {
                if (kind == Kind.ADDRESS || kind == Kind.HOST) {
                    add(t, IocType.ADDRESS, ((Str) t.value()).value(), partial);
                } else {
                    problems.add(text(t) + ": ISSUBSET applies to addresses only");
                }
            }
            default -> problems.add(text(t) + ": operator " + t.op().token + " is not matched value by value");
        }
    }

    private void value(PropTest t, Kind kind, Literal literal, boolean partial) {
        if (!(literal instanceof Str s)) {
            problems.add(text(t) + ": expected a string value for " + t.path());
            return;
        }
        String v = s.value();
        IocType type = switch (kind) {
            case ADDRESS -> IocType.ADDRESS;
            case DOMAIN -> IocType.DOMAIN;
            case URL -> IocType.URL;
            case MD5 -> IocType.MD5;
            case SHA1 -> IocType.SHA1;
            case SHA256 -> IocType.SHA256;
            case EMAIL -> IocType.EMAIL;
            case USER_AGENT -> IocType.USER_AGENT;
            case HOST -> IocDetect.isAddress(v) ? IocType.ADDRESS : IocType.DOMAIN;
            case ACCOUNT -> IocType.AWS_ACCESS_KEY;
        };
        if (kind == Kind.ACCOUNT && !IocDetect.isAccessKey(v)) {
            problems.add(text(t) + ": user accounts are matched only when they are AWS access key ids");
            return;
        }
        if (kind == Kind.URL) {
            // vendors' bundles write URLs without a scheme ('161.35.151.35:9100', '183.76.46.30/1/crp_linux_386')
            IocDetect.Detected d = IocDetect.url(v);
            if (d.ok()) {
                add(t, d.type(), d.value(), partial);
                return;
            }
        }
        add(t, type, v, partial);
    }

    private void add(PropTest t, IocType type, String raw, boolean partial) {
        String v;
        try {
            v = IocValues.normalize(type, raw);
        } catch (IllegalArgumentException e) {
            problems.add(text(t) + ": " + e.getMessage());
            return;
        }
        String key = type.id() + ":" + v;
        Ioc old = iocs.get(key);
        if (old == null || (old.partial() && !partial)) {
            iocs.put(key, new Ioc(type, v, partial));
        }
    }

    private static Kind kind(ObjectPath p) {
        String type = p.objectType();
        String prop = p.property();
        switch (type) {
            case "ipv4-addr", "ipv6-addr":
                return prop.equals("value") ? Kind.ADDRESS : null;
            case "domain-name":
                return prop.equals("value") ? Kind.DOMAIN : null;
            case "url":
                return prop.equals("value") ? Kind.URL : null;
            case "email-addr":
                return prop.equals("value") ? Kind.EMAIL : null;
            case "email-message":
                return prop.matches("(from_ref|sender_ref|(to|cc|bcc)_refs\\[(\\*|[0-9]+)])\\.value") ? Kind.EMAIL : null;
            case "network-traffic":
                if (prop.equals("src_ref.value") || prop.equals("dst_ref.value")) {
                    return Kind.HOST;
                }
                List<Step> s = p.steps();
                if (s.size() == 4 && s.get(0).equals(new Key("extensions")) && s.get(1).equals(new Key("http-request-ext"))
                        && s.get(2).equals(new Key("request_header")) && s.get(3) instanceof Key k
                        && k.name().equalsIgnoreCase("User-Agent")) {
                    return Kind.USER_AGENT;
                }
                return null;
            case "user-account":
                return prop.equals("user_id") || prop.equals("account_login") ? Kind.ACCOUNT : null;
            case "file", "artifact":
                if (p.steps().size() == 2 && p.steps().get(0).equals(new Key("hashes")) && p.steps().get(1) instanceof Key k) {
                    return switch (k.name().toUpperCase(Locale.ROOT).replace("-", "")) {
                        case "MD5" -> Kind.MD5;
                        case "SHA1" -> Kind.SHA1;
                        case "SHA256" -> Kind.SHA256;
                        default -> null;
                    };
                }
                return null;
            default:
                return null;
        }
    }

    private static String text(Comparison c) {
        StringBuilder sb = new StringBuilder();
        StixPatternPrinter.comparison(c, sb);
        return sb.length() > 120 ? sb.substring(0, 120) + "..." : sb.toString();
    }
}
