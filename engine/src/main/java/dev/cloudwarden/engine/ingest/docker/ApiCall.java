package dev.cloudwarden.engine.ingest.docker;

import java.util.Set;

/**
 * One Docker Engine API request as dockerd's debug middleware logs it: {@code Calling POST
 * /v1.40/containers/create?name=x}. The version prefix is split off so rules can match {@code path}
 * whatever client version called.
 *
 * @param apiVersion {@code 1.40}, or null for unversioned calls ({@code /_ping})
 * @param query      the query string without '?', or null
 */
record ApiCall(String method, String path, String apiVersion, String query) {
    /** Collections whose second segment is an object's id or name ({@code /containers/<id>/start}). */
    private static final Set<String> BY_ID = Set.of("containers", "exec", "networks", "volumes", "secrets",
            "configs", "services", "nodes", "tasks", "plugins", "swarm");
    /** Second segments that are actions on the collection, not ids. */
    private static final Set<String> COLLECTION_ACTIONS = Set.of("create", "json", "prune", "list", "init",
            "join", "leave", "update", "unlock", "unlockkey", "privileges", "pull");

    /** The request of a {@code Calling METHOD TARGET} message, or null when {@code msg} is not one. */
    static ApiCall ofMessage(String msg) {
        if (!msg.startsWith("Calling ")) {
            return null;
        }
        return ofRequest(msg.substring("Calling ".length()));
    }

    /** {@code METHOD TARGET}, as also found in {@code Handler for METHOD TARGET returned error}. */
    static ApiCall ofRequest(String request) {
        int space = request.indexOf(' ');
        if (space <= 0 || space == request.length() - 1 || request.charAt(space + 1) != '/') {
            return null;
        }
        String method = request.substring(0, space);
        String target = request.substring(space + 1).trim();
        String query = null;
        int q = target.indexOf('?');
        if (q >= 0) {
            query = target.substring(q + 1);
            target = target.substring(0, q);
        }
        String version = null;
        if (target.startsWith("/v")) {
            int end = target.indexOf('/', 2);
            String candidate = end < 0 ? target.substring(2) : target.substring(2, end);
            if (!candidate.isEmpty() && candidate.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                version = candidate;
                target = end < 0 ? "/" : target.substring(end);
            }
        }
        return new ApiCall(method, target, version, query);
    }

    /**
     * {@code POST /containers/{id}/start}: ids replaced, so that an operation names what was done, not to
     * which container (the id is kept in the raw path and as a resource).
     */
    String operation() {
        String id = objectId();
        return method + " " + (id == null ? path : path.replaceFirst("/" + java.util.regex.Pattern.quote(id), "/{id}"));
    }

    /** The id or name in {@code /containers/<id>/...}, or null. */
    String objectId() {
        String[] segments = path.split("/");
        if (segments.length > 2 && BY_ID.contains(segments[1]) && !COLLECTION_ACTIONS.contains(segments[2])
                && !segments[2].isEmpty()) {
            return segments[2];
        }
        return null;
    }

    /** The first path segment: {@code containers}, {@code images}, {@code exec}... */
    String collection() {
        String[] segments = path.split("/");
        return segments.length > 1 ? segments[1] : "";
    }
}
