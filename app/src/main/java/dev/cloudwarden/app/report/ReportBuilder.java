package dev.cloudwarden.app.report;

import dev.cloudwarden.app.attack.AttackTechniques;
import dev.cloudwarden.app.respond.run.ResponseCosts;
import dev.cloudwarden.app.store.ReportFigures;
import dev.cloudwarden.engine.behavior.Units;
import dev.cloudwarden.engine.incident.CatalogRow;
import dev.cloudwarden.engine.incident.Motive;
import dev.cloudwarden.engine.incident.Tactic;
import dev.cloudwarden.engine.posture.map.ResponsibilityMap;
import dev.cloudwarden.engine.posture.model.Layer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the counted figures of a period (and of the period before it) into the report's view: shares, trends, the
 * heat map, what it would cost, and the status of each of the report's recommendations. Nothing here reads the
 * clock: the same figures give the same report.
 */
public final class ReportBuilder {
    /**
     * What an hour of cryptomining costs the victim, for the estimate: a p3.2xlarge (one V100, the GPU instances miners
     * launch) on demand in us-east-1, list price December 2026.
     */
    public static final double MINING_USD_PER_HOUR = 3.06;
    /** What each motive stands for, as the engine classifies it ({@link Motive}). */
    private static final Map<Motive, String> MOTIVES = Map.of(
            Motive.FINANCIAL, "Money: extortion, stolen compute, fraud (ransomware, mining, scam hosting, botnets)",
            Motive.ESPIONAGE, "Data theft with no sign of monetization, or a state-linked family",
            Motive.UNKNOWN, "Only initial access or lateral movement seen: nothing says what was sought");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * What the report knows beyond the store's figures.
     *
     * @param detectionTimesKnown whether the incidents' rows say when each was learnt of: a store does, a file of
     *                            incidents loaded for the report does not (its rows were all stored just now)
     */
    public record Context(Map<String, Map<String, Long>> openFindingsByLayer, List<ResponsibilityMap.Row> responsibility,
                          long intelFeeds, List<String> telemetryFed, boolean detectionTimesKnown) {
    }

    private ReportBuilder() {
    }

    public static ReportView build(ReportFigures now, ReportFigures before, Context context) {
        String period = DAY.format(now.from()) + " to " + DAY.format(now.to());
        List<ReportView.Figure> headline = List.of(
                new ReportView.Figure("Incidents", count(now.incidents()) + trend(now.incidents(), before.incidents())),
                new ReportView.Figure("Alerts in them", count(now.alerts())),
                new ReportView.Figure("Critical or high", count(now.severities().getOrDefault("critical", 0L)
                        + now.severities().getOrDefault("high", 0L))),
                new ReportView.Figure("Contained by a playbook", count(now.contained())));
        return new ReportView("Cloud threat landscape: your own incidents", now.to().toString(), period,
                DAY.format(before.from()) + " to " + DAY.format(before.to()), now.incidents(), now.incidents() == 0, headline,
                bars(now, before, "T"), bars(now, before, "A"), bars(now, before, "M"), motives(now, before),
                heat(now.techniques()), entities(now), timing(now, context), costs(now), posture(context), deadSpots(context),
                recommendations(now, context), methodology(now, before, context));
    }

    private static List<ReportView.Bar> bars(ReportFigures now, ReportFigures before, String prefix) {
        long max = now.catalog().entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                .max().orElse(0);
        List<ReportView.Bar> out = new ArrayList<>();
        for (CatalogRow row : CatalogRow.values()) {
            if (!row.name().startsWith(prefix)) {
                continue;
            }
            long n = now.catalog().getOrDefault(row.name(), 0L);
            long prev = before.catalog().getOrDefault(row.name(), 0L);
            out.add(new ReportView.Bar(row.name(), row.threat(), n, share(n, now.incidents()), width(n, max), prev, delta(n, prev)));
        }
        return out;
    }

    private static List<ReportView.Bar> motives(ReportFigures now, ReportFigures before) {
        long max = now.motives().values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<ReportView.Bar> out = new ArrayList<>();
        for (Motive motive : Motive.values()) {
            String m = motive.id();
            long n = now.motives().getOrDefault(m, 0L);
            long prev = before.motives().getOrDefault(m, 0L);
            out.add(new ReportView.Bar(m, MOTIVES.get(motive), n, share(n, now.incidents()), width(n, max), prev, delta(n, prev)));
        }
        return out;
    }

    private static List<ReportView.HeatColumn> heat(Map<String, Long> techniques) {
        AttackTechniques attack = AttackTechniques.builtIn();
        List<ReportView.HeatColumn> out = new ArrayList<>();
        for (Tactic t : Tactic.values()) {
            List<ReportView.HeatCell> cells = new ArrayList<>();
            techniques.forEach((id, n) -> {
                if (attack.tactics(id).contains(t)) {
                    cells.add(new ReportView.HeatCell(id, attack.name(id), n, heatClass(n)));
                }
            });
            out.add(new ReportView.HeatColumn(t.id(), cells));
        }
        List<ReportView.HeatCell> unplaced = new ArrayList<>();
        techniques.forEach((id, n) -> {
            if (attack.tactics(id).isEmpty()) {
                unplaced.add(new ReportView.HeatCell(id, "", n, heatClass(n)));
            }
        });
        if (!unplaced.isEmpty()) {
            out.add(new ReportView.HeatColumn("other", unplaced));
        }
        return out;
    }

    private static List<ReportView.EntityTable> entities(ReportFigures now) {
        List<ReportView.EntityTable> out = new ArrayList<>();
        now.topEntities().forEach((type, rows) -> out.add(new ReportView.EntityTable(type, rows.stream()
                .map(r -> new ReportView.EntityRow(dev.cloudwarden.app.web.Fmt.visible(r.value()), r.incidents())).toList())));
        return out;
    }

    private static List<ReportView.Figure> timing(ReportFigures now, Context context) {
        return List.of(
                new ReportView.Figure("Time to detect (median, 90th percentile)",
                        context.detectionTimesKnown() ? pair(now.detectSeconds()) : ReportView.NONE),
                new ReportView.Figure("Time to contain (median, 90th percentile)", pair(now.containSeconds())),
                new ReportView.Figure("Incidents contained", count(now.contained()) + " of " + count(now.incidents())));
    }

    private static List<ReportView.Figure> costs(ReportFigures now) {
        return List.of(
                new ReportView.Figure("Cryptomining (A3) hours", String.format(Locale.ROOT, "%.1f", now.miningHours())),
                new ReportView.Figure("Estimated cryptomining cost", now.miningHours() == 0 ? ReportView.NONE
                        : String.format(Locale.ROOT, "$%,.2f (at $%.2f per hour of a GPU instance)",
                        now.miningHours() * MINING_USD_PER_HOUR, MINING_USD_PER_HOUR)),
                new ReportView.Figure("Bytes carried out of the estate (at least)", exposed(now.exposed())),
                new ReportView.Figure("Estimated egress cost", now.exposed().bytes() == 0 ? ReportView.NONE
                        : String.format(Locale.ROOT, "$%,.2f (at $%.2f per GB of internet egress)",
                        ResponseCosts.egressUsd(now.exposed().bytes()), ResponseCosts.EGRESS_USD_PER_GB)));
    }

    private static String exposed(ReportFigures.Exposure e) {
        String uncounted = e.uncounted() == 0 ? "" : "; " + count(e.uncounted()) + " incidents stored before bytes were counted";
        if (e.bytes() == 0) {
            return ReportView.NONE + uncounted;
        }
        return Units.human(e.bytes()) + " in " + count(e.incidents()) + (e.incidents() == 1 ? " incident" : " incidents")
                + (e.dataTheftBytes() > 0 ? " (data theft, A2: " + Units.human(e.dataTheftBytes()) + ")" : "") + uncounted;
    }

    private static List<ReportView.LayerRow> posture(Context context) {
        List<ReportView.LayerRow> out = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            Map<String, Long> bySeverity = context.openFindingsByLayer().getOrDefault(layer.id(), Map.of());
            List<Long> counts = new ArrayList<>();
            long total = 0;
            for (String s : List.of("informational", "low", "medium", "high", "critical")) {
                long n = bySeverity.getOrDefault(s, 0L);
                counts.add(n);
                total += n;
            }
            out.add(new ReportView.LayerRow(layer.label(), counts, total));
        }
        return out;
    }

    private static List<String> deadSpots(Context context) {
        return context.responsibility().stream().filter(r -> r.coverage() == ResponsibilityMap.Coverage.DEAD_SPOT
                        || r.coverage() == ResponsibilityMap.Coverage.DETECTION_UNFED)
                .map(r -> r.control().layer().label() + ": " + r.control().title()
                        + (r.coverage() == ResponsibilityMap.Coverage.DEAD_SPOT ? " (no check, no fed detection)" : " (detections not fed)"))
                .toList();
    }

    private static List<ReportView.Recommendation> recommendations(ReportFigures f, Context c) {
        long dead = c.responsibility().stream().filter(r -> r.coverage() == ResponsibilityMap.Coverage.DEAD_SPOT).count();
        long identity = f.openFindings().getOrDefault("identity", 0L);
        long logging = f.openFindings().getOrDefault("logging", 0L);
        return List.of(
                rec("R1", "Redeploy, don't reimage: keep the evidence", f.responsesWithEvidence() > 0 ? "in place" : f.responses() > 0 ? "partly" : "not in place",
                        f.responsesWithEvidence() + " of " + f.responses() + " responses kept evidence first"),
                rec("R2", "Mind the egress cost of forensics", f.responses() > 0 ? "in place" : "not in place",
                        "plans estimate snapshot storage and egress before anything runs"),
                rec("R3", "Automate incident response", f.responses() > 0 ? "in place" : "not in place",
                        f.responses() + " playbook responses to this period's incidents, each audited"),
                rec("R4", "MFA, least privilege", identity == 0 ? "in place" : "not in place",
                        identity + " open identity findings (MFA, root, IAM)"),
                rec("R5", "Monitoring and logging", logging == 0 && !c.telemetryFed().isEmpty() ? "in place" : "partly",
                        logging + " open logging findings; telemetry fed: " + (c.telemetryFed().isEmpty() ? ReportView.NONE
                                : String.join(", ", c.telemetryFed()))),
                rec("R6", "Threat intelligence", c.intelFeeds() > 0 ? "in place" : "not in place", c.intelFeeds() + " feeds imported"),
                rec("R7", "Proactive simulation", ReportView.NONE, "not recorded in the store: run cloudwarden demo or eval"),
                rec("R8", "No dead spots in shared responsibility", dead == 0 ? "in place" : "not in place",
                        dead + " controls with neither a posture check nor a fed detection"),
                rec("R9", "Investigation tools in every cloud", c.telemetryFed().isEmpty() ? "not in place" : "in place",
                        c.telemetryFed().size() + " sources in the event archive for hunting"));
    }

    private static ReportView.Recommendation rec(String id, String title, String status, String evidence) {
        return new ReportView.Recommendation(id, title, status, evidence);
    }

    private static List<String> methodology(ReportFigures now, ReportFigures before, Context context) {
        return List.of(
                "Incidents are counted by the time of their first alert: " + count(now.incidents()) + " in this period, "
                        + count(before.incidents()) + " in the one before, holding " + count(now.alerts()) + " alerts.",
                "An incident counts under every catalog row it is classified in (T: how they got in, A: what they did, "
                        + "M: which malware), so shares within a chart can add up to more than 100%.",
                (context.detectionTimesKnown() ? "Time to detect runs from an incident's first alert to the store learning of it; "
                        : "Time to detect is not shown: a file of incidents does not say when each was learnt of; ")
                        + "time to contain runs from the first alert to the first containment step of a playbook that succeeded, "
                        + "over the incidents that have one.",
                "Cryptomining cost is the A3 incidents' duration (first to last alert) at $" + MINING_USD_PER_HOUR
                        + " an hour. Bytes carried out are what the incidents' events moved to the other party: objects and "
                        + "responses requesters took (CloudTrail S3 data events, S3 access and web logs) and flows from inside "
                        + "to the internet; alerts keep samples of their events, so it is a lower bound. Egress is priced at $"
                        + ResponseCosts.EGRESS_USD_PER_GB + " per GB. Records are not counted: no log here says how many a read held.",
                "Posture findings and dead spots are as they stand now, not as they were in the period.");
    }

    private static String share(long n, long total) {
        return total == 0 ? ReportView.NONE : String.format(Locale.ROOT, "%.0f%%", 100.0 * n / total);
    }

    private static int width(long n, long max) {
        return max == 0 ? 0 : (int) Math.round((double) ReportView.BAR_WIDTH * n / max);
    }

    private static String delta(long now, long before) {
        return now == before ? "=" : (now > before ? "+" : "") + (now - before);
    }

    private static String trend(long now, long before) {
        return " (" + delta(now, before) + " on the period before)";
    }

    private static String heatClass(long n) {
        return n <= 0 ? "h0" : n == 1 ? "h1" : n < 10 ? "h2" : n < 100 ? "h3" : "h4";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pair(double[] seconds) {
        return seconds == null ? ReportView.NONE : duration(seconds[0]) + ", " + duration(seconds[1]);
    }

    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    static String instant(Instant t) {
        return DAY.format(t);
    }
}
