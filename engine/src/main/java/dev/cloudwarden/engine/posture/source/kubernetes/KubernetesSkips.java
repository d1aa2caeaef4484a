package dev.cloudwarden.engine.posture.source.kubernetes;

import dev.cloudwarden.engine.posture.model.InlineSkip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Skips written as annotations: any key containing {@code checkov.io/skip}, {@code bridgecrew.io/skip} or
 * {@code cloudwarden.io/skip} ({@code checkov.io/skip1}, {@code skip2} ...), its value {@code CKV_K8S_20=reason} or
 * just the check id.
 */
final class KubernetesSkips {
    private static final List<String> MARKERS = List.of("checkov.io/skip", "bridgecrew.io/skip",
            "cloudwarden.io/skip");

    private KubernetesSkips() {
    }

    static List<InlineSkip> of(Map<?, ?> metadata) {
        List<InlineSkip> skips = new ArrayList<>();
        if (!(metadata.get("annotations") instanceof Map<?, ?> annotations)) {
            return skips;
        }
        annotations.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v instanceof String value && !value.isBlank() && MARKERS.stream().anyMatch(key::contains)) {
                int eq = value.indexOf('=');
                skips.add(eq < 0 ? new InlineSkip(value.trim(), "")
                        : new InlineSkip(value.substring(0, eq).trim(), value.substring(eq + 1).trim()));
            }
        });
        return skips;
    }
}
