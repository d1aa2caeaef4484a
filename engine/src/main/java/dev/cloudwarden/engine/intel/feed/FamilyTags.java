package dev.cloudwarden.engine.intel.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels for what a feed says an indicator is about: {@code malware:<name>}, {@code actor:<name>},
 * {@code attack.t<id>} for ATT&CK techniques, and the catalog tag {@code cloudwarden.m<n>} of THREATS.md where the
 * family (or one of its aliases) is in the catalog: DemonBot M1, Graboid M2, AESDDoS/Dofloo M3,
 * GreedyAntd/Pacha M4, QNAPCrypt/eCh0raix M5, RokRat/Karae/APT37 (ScarCruft, ITG10) M6.
 */
public final class FamilyTags {
    /** Catalog aliases, compared on the name's letters and digits only, lower-case ({@code Linux.GreedyAntd} has {@code greedyantd}). */
    private static final Map<String, String> CATALOG = Map.ofEntries(
            Map.entry("demonbot", "cloudwarden.m1"),
            Map.entry("graboid", "cloudwarden.m2"),
            Map.entry("aesddos", "cloudwarden.m3"),
            Map.entry("dofloo", "cloudwarden.m3"),
            Map.entry("greedyantd", "cloudwarden.m4"),
            Map.entry("pacha", "cloudwarden.m4"),
            Map.entry("qnapcrypt", "cloudwarden.m5"),
            Map.entry("ech0raix", "cloudwarden.m5"),
            Map.entry("rokrat", "cloudwarden.m6"),
            Map.entry("karae", "cloudwarden.m6"),
            Map.entry("apt37", "cloudwarden.m6"),
            Map.entry("scarcruft", "cloudwarden.m6"),
            Map.entry("itg10", "cloudwarden.m6"));
    private static final Pattern TECHNIQUE = Pattern.compile("\\b(T[0-9]{4}(?:\\.[0-9]{3})?)\\b");

    private FamilyTags() {
    }

    /** The catalog tag for a family or actor name, or null when it is not in the catalog. */
    public static String catalogTag(String name) {
        String squeezed = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (var e : CATALOG.entrySet()) {
            if (squeezed.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@code malware:<name lower-case>} and the catalog tag when there is one. */
    public static List<String> malware(String name) {
        return named("malware:", name);
    }

    /** {@code actor:<name lower-case>} (an intrusion set or threat actor) and the catalog tag when there is one. */
    public static List<String> actor(String name) {
        return named("actor:", name);
    }

    private static List<String> named(String prefix, String name) {
        List<String> out = new ArrayList<>(2);
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return out;
        }
        out.add(prefix + n);
        String tag = catalogTag(n);
        if (tag != null) {
            out.add(tag);
        }
        return out;
    }

    /** {@code attack.t1496} for an ATT&CK technique id ({@code T1496}, {@code T1059.004}), or null. */
    public static String technique(String externalId) {
        if (externalId == null) {
            return null;
        }
        Matcher m = TECHNIQUE.matcher(externalId.strip().toUpperCase(Locale.ROOT));
        return m.matches() ? "attack." + m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The ATT&CK technique tag named anywhere in {@code text} ({@code "Resource Hijacking - T1496"}), or null. */
    public static String techniqueIn(String text) {
        Matcher m = TECHNIQUE.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? null : "attack." + last.toLowerCase(Locale.ROOT);
    }
}
