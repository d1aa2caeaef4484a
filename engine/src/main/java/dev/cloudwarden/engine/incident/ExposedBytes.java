package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.Traffic;

import java.util.HashSet;
import java.util.Set;

/**
 * The bytes an incident's events carried out of the estate to whoever was on the other end: what the landscape report
 * counts as exposed and what a response prices as egress already paid.
 *
 * <p>Logs count traffic from the source endpoint's side ({@link Traffic}). In a request log (CloudTrail S3 data
 * events, S3 server access logs, web logs) the source is the requester, so what it took in ({@code bytesIn}: the
 * object, the response body) left the estate. A flow record counts what its source sent ({@code bytesOut}), which
 * left the estate only when a source that is not on the internet sent it to an address that is. Other sources count
 * no bytes, and neither do failed events (a rejected flow, a refused request).
 *
 * <p>Alerts keep a sample of their events (a volume alert its largest), so the total is a lower bound; an event in
 * several alerts of the incident counts once.
 *
 * @param bytes  the bytes counted
 * @param events the events that counted any
 */
public record ExposedBytes(long bytes, int events) {
    public static ExposedBytes of(Incident incident) {
        long bytes = 0;
        int events = 0;
        Set<String> seen = new HashSet<>();
        for (Alert a : incident.alerts()) {
            for (Event e : a.events()) {
                long n = of(e);
                if (n > 0 && seen.add(e.time() + " " + e.origin())) {
                    bytes += n;
                    events++;
                }
            }
        }
        return new ExposedBytes(bytes, events);
    }

    /** The bytes {@code e} carried out of the estate; 0 when it carried none or its log does not count them. */
    public static long of(Event e) {
        Traffic t = e.traffic();
        // a rejected flow or a refused request moved nothing of ours (a 404 page is not the estate's data)
        if (t == null || e.outcome().status() == Outcome.Status.FAILURE) {
            return 0;
        }
        if (e.source() == SourceType.VPC_FLOW) {
            String src = e.src().ip();
            String dst = e.dst().ip();
            boolean leaves = src != null && dst != null && !EntityExtractor.isPublicAddress(src)
                    && EntityExtractor.isPublicAddress(dst);
            return leaves ? positive(t.bytesOut()) : 0;
        }
        return switch (e.source()) {
            case CLOUDTRAIL, S3_ACCESS, WEB_ACCESS -> positive(t.bytesIn());
            default -> 0;
        };
    }

    private static long positive(Long n) {
        return n == null || n < 0 ? 0 : n;
    }
}
