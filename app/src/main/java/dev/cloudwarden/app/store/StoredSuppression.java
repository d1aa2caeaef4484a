package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.List;

/**
 * A suppression kept in the store, in the engine's terms ({@code engine.run.Suppression}): the rules it applies to
 * and the Sigma selection (YAML text) over the alert's event, compiled by whoever loads it.
 *
 * @param expires null: never
 */
public record StoredSuppression(long id, String title, List<String> rules, String selection, String reason,
                                Instant expires, String author, Instant created) {
    public StoredSuppression {
        rules = List.copyOf(rules);
    }
}
