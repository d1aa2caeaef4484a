package dev.cloudwarden.app.output;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.OcsfClass;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OCSF 1.1 {@code activity_id} of an event, from what its source says was done, with its caption: 0 Unknown when
 * the source names no operation, 99 Other (the source's operation name as {@code activity_name}) when it names one
 * the class has no activity for.
 */
record OcsfActivity(int id, String name) {
    static final OcsfActivity UNKNOWN = new OcsfActivity(0, "Unknown");

    /** The HTTP methods OCSF 1.1 names (its {@code http_method} enum), with their HTTP Activity ids. */
    static final Map<String, Integer> HTTP_METHODS = Map.of("CONNECT", 1, "DELETE", 2, "GET", 3, "HEAD", 4,
            "OPTIONS", 5, "POST", 6, "PUT", 7, "TRACE", 8);
    private static final String[] HTTP_CAPTIONS = {"Unknown", "Connect", "Delete", "Get", "Head", "Options", "Post", "Put", "Trace"};
    private static final Set<String> S3_PREFIXES = Set.of("REST", "WEBSITE", "BATCH");
    private static final String[] API_CAPTIONS = {"Unknown", "Create", "Read", "Update", "Delete"};
    private static final Set<String> CREATE = Set.of("create", "run", "put", "add", "insert", "register", "import", "allocate",
            "launch", "submit", "issue", "copy", "request", "new");
    private static final Set<String> READ = Set.of("describe", "get", "list", "head", "lookup", "search", "query", "read",
            "watch", "view", "batchget", "scan", "select", "download", "retrieve", "check", "filter", "test", "estimate");
    private static final Set<String> UPDATE = Set.of("update", "modify", "patch", "set", "change", "edit", "enable", "disable",
            "attach", "detach", "associate", "disassociate", "replace", "tag", "untag", "reset", "rotate", "upload", "apply",
            "authorize", "revoke", "assign", "unassign", "grant", "restore", "move", "rename", "write");
    private static final Set<String> DELETE = Set.of("delete", "terminate", "remove", "destroy", "deregister", "purge",
            "deletecollection", "kill", "cancel", "drop");
    /**
     * Logons: sign-ins and console logins, and sshd's attempts as its parser names them (by their method when accepted,
     * {@code password}, {@code publickey}...) and sessions opened; logoffs: ends of sessions.
     */
    private static final Set<String> LOGONS = Set.of("auth", "authentication_failure", "invalid_user", "max_auth_attempts",
            "auth_timeout", "session_open", "password", "publickey", "keyboard_interactive", "hostbased", "gssapi_with_mic",
            "signin", "consolelogin", "login", "logon");
    private static final Set<String> LOGOFFS = Set.of("session_close", "disconnect", "received_disconnect", "logout", "logoff",
            "signout", "consolelogout");

    static OcsfActivity of(Event e) {
        String op = e.operation().name();
        if (op == null || op.isBlank()) {
            return e.ocsfClass() == OcsfClass.DNS_ACTIVITY ? new OcsfActivity(1, "Query") : UNKNOWN;
        }
        return switch (e.ocsfClass()) {
            case API_ACTIVITY -> api(op);
            case AUTHENTICATION -> {
                String key = op.toLowerCase(Locale.ROOT).replace("-", "_");
                yield LOGONS.contains(key) ? new OcsfActivity(1, "Logon")
                        : LOGOFFS.contains(key) ? new OcsfActivity(2, "Logoff") : other(op);
            }
            case HTTP_ACTIVITY -> {
                Integer id = HTTP_METHODS.get(op.toUpperCase(Locale.ROOT));
                yield id == null ? other(op) : new OcsfActivity(id, HTTP_CAPTIONS[id]);
            }
            // a resolver log line is a query (with its answers); the record type is the query's, not an activity
            case DNS_ACTIVITY -> new OcsfActivity(1, "Query");
            // a flow log record reports the traffic of a flow over its window; a rejected flow was refused
            case NETWORK_ACTIVITY -> op.equalsIgnoreCase("REJECT") ? new OcsfActivity(5, "Refuse") : new OcsfActivity(6, "Traffic");
            case EMAIL_ACTIVITY -> switch (op) {
                case "received" -> new OcsfActivity(2, "Receive");
                case "delivered" -> new OcsfActivity(1, "Send");
                default -> other(op);
            };
            default -> other(op);
        };
    }

    /**
     * Create, Read, Update or Delete from the operation's verb: the first word of a CloudTrail or GCP method name
     * ({@code RunInstances}, {@code google.iam.admin.v1.CreateServiceAccount}, {@code v1.compute.instances.insert}),
     * a Kubernetes verb, the last part of an Azure operation ({@code Microsoft.Compute/virtualMachines/delete}), or
     * the method of a Docker call ({@code POST /containers/create}), the method inside an S3 access log's operation
     * ({@code REST.GET.OBJECT}, {@code WEBSITE.HEAD.OBJECT}, {@code BATCH.DELETE.OBJECT}).
     */
    static OcsfActivity api(String op) {
        String[] s3 = op.split("\\.", 3);
        if (s3.length == 3 && S3_PREFIXES.contains(s3[0]) && HTTP_METHODS.containsKey(s3[1])) {
            String verb = s3[1].toLowerCase(Locale.ROOT);
            int id = CREATE.contains(verb) ? 1 : READ.contains(verb) ? 2 : DELETE.contains(verb) ? 4 : 0;
            return id == 0 ? other(op) : new OcsfActivity(id, API_CAPTIONS[id]);
        }
        int space = op.indexOf(' ');
        if (space > 0 && HTTP_METHODS.containsKey(op.substring(0, space))) {
            String method = op.substring(0, space);
            String path = op.substring(space + 1);
            int id = switch (method) {
                case "GET", "HEAD" -> 2;
                case "PUT" -> 3;
                case "DELETE" -> 4;
                case "POST" -> path.endsWith("/create") ? 1 : path.endsWith("/update") ? 3 : 0;
                default -> 0;
            };
            return id == 0 ? other(op) : new OcsfActivity(id, API_CAPTIONS[id]);
        }
        String last = op;
        int cut = Math.max(last.lastIndexOf('/'), last.lastIndexOf('.'));
        if (cut >= 0 && cut < last.length() - 1) {
            last = last.substring(cut + 1);
        }
        String verb = firstWord(last);
        int id = CREATE.contains(verb) ? 1 : READ.contains(verb) ? 2 : UPDATE.contains(verb) ? 3 : DELETE.contains(verb) ? 4 : 0;
        return id == 0 ? other(op) : new OcsfActivity(id, API_CAPTIONS[id]);
    }

    private static OcsfActivity other(String op) {
        return new OcsfActivity(99, op);
    }

    /** {@code RunInstances} → run, {@code deletecollection} → deletecollection, {@code Submit Application} → submit. */
    private static String firstWord(String s) {
        int end = 1;
        while (end < s.length() && Character.isLetter(s.charAt(end)) && !Character.isUpperCase(s.charAt(end))) {
            end++;
        }
        return s.isEmpty() ? "" : s.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
