package dev.cloudwarden.engine.posture.source.arm;

import dev.cloudwarden.engine.posture.model.InlineSkip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skips in a resource's {@code metadata}: {@code "checkov": "CKV_AZURE_35: reason"} or a list of such strings, as
 * Checkov reads them (a leading {@code checkov:skip=} is allowed), and the same under {@code cloudwarden}.
 */
final class ArmSkips {
    private static final Pattern SKIP = Pattern.compile("^\\s*(?:[a-z]+:skip=)?\\s*([A-Za-z0-9_]+)\\s*(?::(.*))?$",
            Pattern.DOTALL);

    private ArmSkips() {
    }

    static List<InlineSkip> of(Object metadata) {
        List<InlineSkip> skips = new ArrayList<>();
        if (!(metadata instanceof Map<?, ?> m)) {
            return skips;
        }
        for (String tool : List.of("checkov", "cloudwarden")) {
            Object v = m.get(tool);
            for (Object item : v instanceof List<?> l ? l : v == null ? List.of() : List.of(v)) {
                if (item instanceof String s) {
                    Matcher x = SKIP.matcher(s);
                    if (x.matches()) {
                        skips.add(new InlineSkip(x.group(1), x.group(2) == null ? "" : x.group(2).strip()));
                    }
                }
            }
        }
        return skips;
    }
}
