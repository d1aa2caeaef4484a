package dev.cloudwarden.app.respond.run;

import dev.cloudwarden.app.respond.action.CostEstimate;
import dev.cloudwarden.engine.incident.ExposedBytes;
import dev.cloudwarden.engine.incident.Incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an incident costs beyond the steps (R2: mind the egress cost of forensics): the bytes its events carried out
 * of the estate ({@link ExposedBytes}), already billed as internet egress, and what downloading its evidence out of the cloud would add.
 */
public final class ResponseCosts {
    /** AWS's first internet-egress tier (US East, per GB after the free 100 GB): list price, December 2026. */
    public static final double EGRESS_USD_PER_GB = 0.09;

    private ResponseCosts() {
    }

    /** The incident's traffic out of the estate as egress; empty when its events carry no byte counts. */
    public static List<CostEstimate> of(Incident incident) {
        ExposedBytes exposed = ExposedBytes.of(incident);
        List<CostEstimate> out = new ArrayList<>();
        if (exposed.bytes() > 0) {
            out.add(new CostEstimate("egress the incident's traffic already caused", egressUsd(exposed.bytes()),
                    String.format(Locale.ROOT, "%,d bytes out in %d sampled events at $%.2f/GB (a lower bound: "
                            + "alerts keep samples of their events)", exposed.bytes(), exposed.events(), EGRESS_USD_PER_GB)));
        }
        return out;
    }

    /** What {@code bytes} of internet egress cost at {@link #EGRESS_USD_PER_GB}. */
    public static double egressUsd(long bytes) {
        return bytes / 1e9 * EGRESS_USD_PER_GB;
    }
}
