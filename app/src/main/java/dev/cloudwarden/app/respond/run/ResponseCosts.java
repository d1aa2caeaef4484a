package dev.cloudwarden.app.respond.run;

import dev.cloudwarden.app.respond.action.CostEstimate;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.Incident;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an incident costs beyond the steps (R2: mind the egress cost of forensics): the outbound bytes its events
 * moved, already billed as internet egress, and what downloading its evidence out of the cloud would add.
 */
public final class ResponseCosts {
    /** AWS's first internet-egress tier (US East, per GB after the free 100 GB): list price, December 2026. */
    public static final double EGRESS_USD_PER_GB = 0.09;

    private ResponseCosts() {
    }

    /** The incident's outbound traffic as egress; empty when its events carry no byte counts. */
    public static List<CostEstimate> of(Incident incident) {
        long bytes = 0;
        int events = 0;
        Set<String> seen = new HashSet<>();
        for (Alert a : incident.alerts()) {
            for (Event e : a.events()) {
                if (e.traffic() != null && e.traffic().bytesOut() != null && seen.add(e.time() + " " + e.origin())) {
                    bytes += e.traffic().bytesOut();
                    events++;
                }
            }
        }
        List<CostEstimate> out = new ArrayList<>();
        if (bytes > 0) {
            double gb = bytes / 1e9;
            out.add(new CostEstimate("egress the incident's traffic already caused", gb * EGRESS_USD_PER_GB,
                    String.format(Locale.ROOT, "%,d bytes out in %d sampled events at $%.2f/GB (a lower bound: "
                            + "alerts keep samples of their events)", bytes, events, EGRESS_USD_PER_GB)));
        }
        return out;
    }
}
