package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.IncidentDetail;
import dev.cloudwarden.engine.incident.CatalogRow;
import dev.cloudwarden.engine.incident.Tactic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incident's page: what it is (severity, the report's categories, techniques), its story (the timeline in event
 * time; the alerts in kill-chain order), its entities and the posture findings still failing on them, its triage and
 * comments, and incidents that share entities.
 */
public record IncidentView(Frame page, IncidentRow incident, List<Category> categories, List<TimelineLine> timeline,
                           List<Stage> killChain, EntityGraph graph, List<FindingView> findings,
                           ResponseView response, List<CommentView> comments, List<IncidentRow> related) {
    /** A row of the threat catalog the incident falls under (T: how they got in, A: what they did, M: malware). */
    public record Category(String id, String threat) {
    }

    /** One line of the timeline: an alert at its first match, a comment, or an audited change. */
    public record TimelineLine(String time, String iso, String kind, String summary, String actor) {
    }

    /** A kill-chain stage and the alerts in it (alerts with no stage come last, under "other"). */
    public record Stage(String tactic, List<AlertView> alerts) {
    }

    public static final List<String> STATUSES = IncidentQueue.STATUSES;

    static IncidentView of(Frame page, IncidentDetail d, EntityGraph graph, List<CommentView> comments,
                           List<IncidentRow> related) {
        List<Category> categories = new ArrayList<>();
        for (List<String> ids : List.of(d.incident().initialAccess(), d.incident().actions(), d.incident().malware())) {
            ids.forEach(id -> categories.add(new Category(id, CatalogRow.byId(id).map(CatalogRow::threat).orElse(id))));
        }
        List<TimelineLine> timeline = d.timeline().stream().map(t -> new TimelineLine(Fmt.time(t.at()), Fmt.iso(t.at()),
                t.kind(), Fmt.visible(t.summary()), Fmt.visible(t.actor()))).toList();
        Map<String, List<AlertView>> stages = new LinkedHashMap<>();
        d.alerts().forEach(a -> stages.computeIfAbsent(Tactic.ofAlertTags(a.tags()).map(Tactic::id).orElse("other"),
                k -> new ArrayList<>()).add(AlertView.of(a)));
        List<Stage> killChain = stages.entrySet().stream().map(e -> new Stage(e.getKey(), e.getValue())).toList();
        return new IncidentView(page, IncidentRow.of(d.incident()), categories, timeline, killChain, graph,
                FindingView.of(d.postureFindings()), ResponseView.of(d.responseSteps(), d.responseTrail()), comments, related);
    }

    public String motive() {
        return incident.motive();
    }
}
