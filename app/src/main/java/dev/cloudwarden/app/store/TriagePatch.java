package dev.cloudwarden.app.store;

import java.util.List;

/**
 * A triage change: what is null (or, for the assignee, not {@code changesAssignee}) stays as it is. Build one
 * with {@link #status}, {@link #assign}, {@link #unassign} and {@link #tags}, combined with the {@code and...}
 * methods: {@code TriagePatch.status(RESOLVED).andAssign("ana")}.
 *
 * @param tags the new full list of analyst tags
 */
public record TriagePatch(TriageStatus status, boolean changesAssignee, String assignee, List<String> tags) {
    public TriagePatch {
        if (!changesAssignee && assignee != null) {
            throw new IllegalArgumentException("an assignee is given only when the patch changes it");
        }
        if (assignee != null && assignee.isBlank()) {
            throw new IllegalArgumentException("a blank assignee: use unassign()");
        }
        tags = tags == null ? null : List.copyOf(tags);
    }

    public static TriagePatch status(TriageStatus status) {
        return new TriagePatch(status, false, null, null);
    }

    public static TriagePatch assign(String assignee) {
        return new TriagePatch(null, true, assignee, null);
    }

    public static TriagePatch unassign() {
        return new TriagePatch(null, true, null, null);
    }

    public static TriagePatch tags(List<String> tags) {
        return new TriagePatch(null, false, null, tags);
    }

    public TriagePatch andStatus(TriageStatus s) {
        return new TriagePatch(s, changesAssignee, assignee, tags);
    }

    public TriagePatch andAssign(String a) {
        return new TriagePatch(status, true, a, tags);
    }

    public TriagePatch andUnassign() {
        return new TriagePatch(status, true, null, tags);
    }

    public TriagePatch andTags(List<String> t) {
        return new TriagePatch(status, changesAssignee, assignee, t);
    }

    public boolean isEmpty() {
        return status == null && !changesAssignee && tags == null;
    }
}
