package dev.cloudwarden.engine.incident;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incident in the report's categories (THREATS.md): how the attacker got in (T1-T5), what they did
 * (A1-A6), which malware family (M1-M6), and the likely motive.
 *
 * <p><b>Where the ids come from.</b> The {@code cloudwarden.t2}, {@code cloudwarden.a3}, {@code cloudwarden.m5}
 * tags of the incident's alerts; and, for rules that carry only ATT&CK tags (SigmaHQ's), the techniques that
 * belong to exactly one catalog row: T1190 → T1; T1110 and its sub-techniques → T2; T1562.008 → T3;
 * T1199 → T4; T1611, T1552.005 → T5; T1485, T1486, T1490 → A1; T1567 (and subs), T1098.001 → A2;
 * T1496 → A3; T1583, T1608 (and subs) → A4; T1584.002 → A5; T1021.004, T1210 → A6. Techniques shared by
 * two rows (T1530: T3 and A2; T1537: T4 and A2) or too generic (T1078.004, T1557) imply nothing. A
 * technique only implies an id in a dimension (initial access, action, malware) no {@code cloudwarden.*} tag
 * of the incident names: the pack's rules say what they saw, while SigmaHQ's technique tags are broad (its
 * security-group change rule says T1190, which would call a misconfiguration an exploited application).
 *
 * <p><b>Motive</b> ({@link #motiveOf}), first match wins:
 * <ol>
 *   <li>M6 (RokRat, Karae: APT37) → {@link Motive#ESPIONAGE}: a state-linked family says more than any action;</li>
 *   <li>A1 ransomware, A3 cryptomining, A4 scam or malware hosting, A5 DNS hijack (phishing, ad fraud), or any of
 *       M1-M5 (DDoS-for-hire botnets, miners, NAS ransomware) → {@link Motive#FINANCIAL}: this wins over data
 *       theft, so a double-extortion ransomware incident is financial;</li>
 *   <li>A2 data theft alone → {@link Motive#ESPIONAGE};</li>
 *   <li>otherwise (initial access, lateral movement only) → {@link Motive#UNKNOWN}.</li>
 * </ol>
 *
 * @param initialAccess catalog ids T1-T5, sorted
 * @param actions       catalog ids A1-A6, sorted
 * @param malware       catalog ids M1-M6, sorted
 */
public record Classification(List<String> initialAccess, List<String> actions, List<String> malware, Motive motive) {
    private static final Pattern CATALOG_TAG = Pattern.compile("cloudwarden\\.([tam])([1-6])");
    private static final Pattern TECHNIQUE_TAG = Pattern.compile("attack\\.(t\\d{4})(\\.\\d{3})?");
    /** Technique (or parent technique, written with a trailing dot-star) → catalog id. */
    private static final Map<String, String> TECHNIQUES = Map.ofEntries(
            Map.entry("T1190", "T1"), Map.entry("T1110.*", "T2"), Map.entry("T1562.008", "T3"),
            Map.entry("T1199", "T4"), Map.entry("T1611", "T5"), Map.entry("T1552.005", "T5"),
            Map.entry("T1485", "A1"), Map.entry("T1486", "A1"), Map.entry("T1490", "A1"),
            Map.entry("T1567.*", "A2"), Map.entry("T1098.001", "A2"), Map.entry("T1496", "A3"),
            Map.entry("T1583.*", "A4"), Map.entry("T1608.*", "A4"), Map.entry("T1584.002", "A5"),
            Map.entry("T1021.004", "A6"), Map.entry("T1210", "A6"));
    private static final Set<String> FINANCIAL = Set.of("A1", "A3", "A4", "A5", "M1", "M2", "M3", "M4", "M5");

    public static final Classification NONE = new Classification(List.of(), List.of(), List.of(), Motive.UNKNOWN);

    public Classification {
        initialAccess = List.copyOf(initialAccess);
        actions = List.copyOf(actions);
        malware = List.copyOf(malware);
    }

    /** The classification of alerts carrying {@code tags} (all alerts' tags together). */
    public static Classification of(Collection<String> tags) {
        Set<String> explicit = catalogIds(tags);
        TreeSet<String> ids = new TreeSet<>(explicit);
        for (String technique : techniques(tags)) {
            String id = TECHNIQUES.get(technique);
            if (id == null) {
                int dot = technique.indexOf('.');
                id = TECHNIQUES.get((dot < 0 ? technique : technique.substring(0, dot)) + ".*");
            }
            if (id != null && !hasDimension(explicit, id.charAt(0))) {
                ids.add(id);
            }
        }
        List<String> t = ids.stream().filter(i -> i.startsWith("T")).toList();
        List<String> a = ids.stream().filter(i -> i.startsWith("A")).toList();
        List<String> m = ids.stream().filter(i -> i.startsWith("M")).toList();
        return new Classification(t, a, m, motiveOf(ids));
    }

    private static boolean hasDimension(Set<String> ids, char dimension) {
        for (String id : ids) {
            if (id.charAt(0) == dimension) {
                return true;
            }
        }
        return false;
    }

    /** The motive implied by catalog ids (see the class documentation for the rule). */
    public static Motive motiveOf(Collection<String> ids) {
        if (ids.contains("M6")) {
            return Motive.ESPIONAGE;
        }
        for (String id : ids) {
            if (FINANCIAL.contains(id)) {
                return Motive.FINANCIAL;
            }
        }
        return ids.contains("A2") ? Motive.ESPIONAGE : Motive.UNKNOWN;
    }

    /** The catalog ids ({@code T2}, {@code A1}, {@code M5}) named by {@code cloudwarden.*} tags, sorted. */
    public static Set<String> catalogIds(Collection<String> tags) {
        TreeSet<String> out = new TreeSet<>();
        for (String tag : tags) {
            Matcher m = CATALOG_TAG.matcher(tag.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                out.add(m.group(1).toUpperCase(Locale.ROOT) + m.group(2));
            }
        }
        return out;
    }

    /** ATT&CK technique ids ({@code T1110.003}) named by {@code attack.t*} tags, sorted. */
    public static Set<String> techniques(Collection<String> tags) {
        TreeSet<String> out = new TreeSet<>();
        for (String tag : tags) {
            Matcher m = TECHNIQUE_TAG.matcher(tag.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                out.add(m.group(1).toUpperCase(Locale.ROOT) + (m.group(2) == null ? "" : m.group(2)));
            }
        }
        return out;
    }
}
