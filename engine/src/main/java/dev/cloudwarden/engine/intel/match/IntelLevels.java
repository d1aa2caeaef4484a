package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.alert.Level;

import java.util.Locale;
import java.util.Set;

/**
 * The level of an alert on an indicator, from what its feed says about it:
 * <ol>
 *   <li>a label {@value #CONTEXT} (or {@code informational}, {@code benign}) → {@link Level#INFORMATIONAL}: the list
 *       describes infrastructure (cloud storage APIs, public resolvers) that is not malicious in itself but helps
 *       reading an incident; such alerts never form incidents on their own (see
 *       {@code dev.cloudwarden.engine.incident.AlertSelection});</li>
 *   <li>no confidence given → {@link Level#MEDIUM}: being on a threat feed is worth an analyst's look;</li>
 *   <li>confidence 80-100 → {@link Level#HIGH}, 50-79 → {@link Level#MEDIUM}, 20-49 → {@link Level#LOW},
 *       0-19 → {@link Level#INFORMATIONAL} (STIX 2.1's 0-100 scale; its "high" bucket starts at 70, CloudWarden
 *       asks a little more before calling a single sighting high).</li>
 * </ol>
 * Intel alone never says {@link Level#CRITICAL}: a listed value seen once is evidence, not an incident. An alert on
 * several indicators takes the highest of their levels.
 */
public final class IntelLevels {
    /** The label of context lists. */
    public static final String CONTEXT = "context";
    private static final Set<String> CONTEXT_LABELS = Set.of(CONTEXT, "informational", "benign");

    private IntelLevels() {
    }

    public static Level of(Indicator indicator) {
        if (isContext(indicator)) {
            return Level.INFORMATIONAL;
        }
        Integer confidence = indicator.confidence();
        if (confidence == null) {
            return Level.MEDIUM;
        }
        if (confidence >= 80) {
            return Level.HIGH;
        }
        if (confidence >= 50) {
            return Level.MEDIUM;
        }
        return confidence >= 20 ? Level.LOW : Level.INFORMATIONAL;
    }

    /** Whether the indicator's list describes infrastructure rather than threats (rule 1 above). */
    public static boolean isContext(Indicator indicator) {
        for (String label : indicator.labels()) {
            if (CONTEXT_LABELS.contains(label.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
