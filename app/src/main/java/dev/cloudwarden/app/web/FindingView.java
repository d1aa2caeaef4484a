package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.StoredFinding;

import java.util.List;

/**
 * A posture finding as a page shows it. Resource ids, files and entity values come from configuration files, which
 * whoever commits them controls: each is made {@link Fmt#visible} here and escaped by the template.
 *
 * @param entities the entities of its resource (on an incident's page: those it shares with the incident)
 */
public record FindingView(String id, String severity, String checkId, String title, String resource,
                          String resourceType, String where, String layer, String owner, String status, String reason,
                          String firstSeen, String lastSeen, String resolved, List<String> entities) {
    static FindingView of(StoredFinding f) {
        return new FindingView(f.id(), Fmt.level(f.severity()), f.checkId(), Fmt.visible(f.title()),
                Fmt.visible(f.resource()), Fmt.visible(f.resourceType()),
                Fmt.visible(f.file() + (f.line() > 0 ? ":" + f.line() : "")), f.layer(), f.owner(), f.status(),
                f.suppressionReason() == null ? "" : Fmt.visible(f.suppressionReason()), Fmt.time(f.firstSeen()),
                Fmt.time(f.lastSeen()), Fmt.time(f.resolvedAt()),
                f.entities().stream().map(e -> Fmt.visible(e.toString())).toList());
    }

    static List<FindingView> of(List<StoredFinding> findings) {
        return findings.stream().map(FindingView::of).toList();
    }
}
