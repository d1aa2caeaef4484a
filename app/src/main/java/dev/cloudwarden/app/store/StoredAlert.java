package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Level;

import java.time.Instant;
import java.util.List;

/**
 * An alert as stored: what the engine said (its latest grouped form) and what analysts set.
 *
 * @param level      null when the rule has none
 * @param time       the first match's time (the list's sort key)
 * @param tags       the rule's tags
 * @param techniques ATT&CK technique ids from the tags
 * @param alertJson  the engine's alert JSON ({@code AlertCodec}, with the events' original records)
 * @param updatedAt  when the engine or an analyst last changed it
 */
public record StoredAlert(String id, String ruleId, String ruleTitle, Level level, Instant time, Instant firstSeen,
                          Instant lastSeen, long count, String groupKey, List<String> tags, List<String> techniques,
                          String alertJson, TriageState triage, Instant updatedAt) {
    public StoredAlert {
        tags = List.copyOf(tags);
        techniques = List.copyOf(techniques);
    }
}
