package dev.cloudwarden.engine.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The detection rules one event matched, by rule key, in match order. Written by the Sigma detector (including
 * rules whose own alerts a correlation silences), read by the correlations; one instance per event in flight.
 */
public final class RuleMatches {
    private final List<String> keys = new ArrayList<>(2);

    public void add(String ruleKey) {
        keys.add(ruleKey);
    }

    public List<String> keys() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public void clear() {
        keys.clear();
    }
}
