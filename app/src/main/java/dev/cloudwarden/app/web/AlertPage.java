package dev.cloudwarden.app.web;

import java.util.List;

/** One alert's page: what fired, on what evidence, its triage and comments, and the incidents it is part of. */
public record AlertPage(Frame page, AlertView alert, String assignee, List<CommentView> comments,
                        List<IncidentRow> incidents) {
    public static final List<String> STATUSES = IncidentQueue.STATUSES;
}
