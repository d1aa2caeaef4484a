package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Level;

import java.time.Instant;
import java.util.List;

/**
 * An incident as stored: the engine's latest update of it and what analysts set.
 *
 * @param initialAccess catalog rows T1-T5 ({@code Classification})
 * @param actions       catalog rows A1-A6
 * @param malware       catalog rows M1-M6
 * @param motive        financial, espionage or unknown
 * @param tactics       kill-chain stages present, in kill-chain order (tactic ids)
 * @param open          false once the engine closed it (no alert can join it any more)
 * @param incidentJson  the engine's incident JSON ({@code IncidentCodec}) of the latest update; null in a list
 */
public record StoredIncident(String id, Instant first, Instant last, Level severity, int score, int alertCount,
                             List<String> initialAccess, List<String> actions, List<String> malware, String motive,
                             List<String> techniques, List<String> tactics, boolean open, String incidentJson,
                             TriageState triage, Instant updatedAt) {
    public StoredIncident {
        initialAccess = List.copyOf(initialAccess);
        actions = List.copyOf(actions);
        malware = List.copyOf(malware);
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
    }
}
