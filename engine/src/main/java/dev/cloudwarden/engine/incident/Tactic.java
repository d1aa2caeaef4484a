package dev.cloudwarden.engine.incident;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ATT&CK Enterprise tactics in kill-chain order (the matrix's column order). An alert's stage is the
 * earliest tactic among its tags ({@code attack.initial-access}, or Sigma's older {@code attack.initial_access});
 * an alert with no tactic tag takes the stage its catalog id implies (see {@link #ofAlertTags}), or none.
 */
public enum Tactic {
    RECONNAISSANCE, RESOURCE_DEVELOPMENT, INITIAL_ACCESS, EXECUTION, PERSISTENCE, PRIVILEGE_ESCALATION,
    DEFENSE_EVASION, CREDENTIAL_ACCESS, DISCOVERY, LATERAL_MOVEMENT, COLLECTION, COMMAND_AND_CONTROL,
    EXFILTRATION, IMPACT;

    /** The ATT&CK short name: {@code initial-access}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The tactic an {@code attack.*} tag names, if it names one. */
    public static Optional<Tactic> ofTag(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (!t.startsWith("attack.")) {
            return Optional.empty();
        }
        String name = t.substring("attack.".length()).replace('-', '_').toUpperCase(Locale.ROOT);
        for (Tactic x : values()) {
            if (x.name().equals(name)) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }

    /**
     * The stage of an alert: its earliest tactic tag; failing that, the stage of its catalog id (T* initial
     * access, A1 and A3 and A5 impact, A2 exfiltration, A4 resource development, A6 lateral movement;
     * the earliest when several); failing that, empty (such alerts sort after all staged ones).
     */
    public static Optional<Tactic> ofAlertTags(List<String> tags) {
        Tactic best = null;
        for (String tag : tags) {
            Tactic t = ofTag(tag).orElse(null);
            if (t != null && (best == null || t.compareTo(best) < 0)) {
                best = t;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        for (String id : Classification.catalogIds(tags)) {
            Tactic t = switch (id) {
                case "T1", "T2", "T3", "T4", "T5" -> INITIAL_ACCESS;
                case "A1", "A3", "A5" -> IMPACT;
                case "A2" -> EXFILTRATION;
                case "A4" -> RESOURCE_DEVELOPMENT;
                case "A6" -> LATERAL_MOVEMENT;
                default -> null;
            };
            if (t != null && (best == null || t.compareTo(best) < 0)) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }
}
