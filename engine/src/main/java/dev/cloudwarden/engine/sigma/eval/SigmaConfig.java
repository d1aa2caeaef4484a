package dev.cloudwarden.engine.sigma.eval;

import java.util.List;
import java.util.Map;

/**
 * Settings that give rules their meaning in this deployment: values for {@code |expand} placeholders
 * ({@code %Administrators%} → user names).
 */
public record SigmaConfig(Map<String, List<String>> placeholders) {
    public SigmaConfig {
        placeholders = Map.copyOf(placeholders);
    }

    public static SigmaConfig defaults() {
        return new SigmaConfig(Map.of());
    }
}
