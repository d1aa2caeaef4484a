package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The figures of a landscape report over one period, all counted by the database (memory does not grow with the
 * store): incidents by the period of their first alert.
 *
 * @param alerts           the alerts of those incidents
 * @param catalog          incidents per catalog row (T1-T5, A1-A6, M1-M6); an incident counts under each of its rows
 * @param motives          incidents per likely motive
 * @param severities       incidents per severity
 * @param techniques       incidents per ATT&CK technique, most first
 * @param topEntities      per entity type, the values in most incidents, with their counts
 * @param detectSeconds    the median and 90th percentile of the time from an incident's first alert to the store
 *                         learning of it; null when no incident
 * @param containSeconds   the same from the first alert to its first containment step that succeeded; null when none
 * @param contained        incidents with a containment step that succeeded
 * @param miningHours      the hours A3 (cryptomining) incidents lasted, first alert to last
 * @param exposed          the bytes the incidents' events carried out of the estate
 * @param responses        responses run on the period's incidents, and how many kept evidence (a snapshot) first
 * @param openFindings     posture findings open now, by theme: {@code identity} (MFA, root, IAM), {@code logging}
 *                         (trails, flow logs, logging), {@code all}
 */
public record ReportFigures(Instant from, Instant to, long incidents, long alerts, Map<String, Long> catalog,
                            Map<String, Long> motives, Map<String, Long> severities, Map<String, Long> techniques,
                            Map<String, List<Count>> topEntities, double[] detectSeconds, double[] containSeconds,
                            long contained, double miningHours, Exposure exposed, long responses, long responsesWithEvidence,
                            Map<String, Long> openFindings) {
    /**
     * The bytes the period's incidents carried out of the estate ({@code ExposedBytes}: a lower bound, from the
     * events alerts keep).
     *
     * @param bytes          in all incidents
     * @param dataTheftBytes in the data theft (A2) incidents
     * @param incidents      incidents that carried any
     * @param uncounted      incidents stored before bytes were counted
     */
    public record Exposure(long bytes, long dataTheftBytes, long incidents, long uncounted) {
    }

    /** A value and how many incidents it is in. */
    public record Count(String value, long incidents) {
    }
}
