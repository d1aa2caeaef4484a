package dev.cloudwarden.engine.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.SourceType;

import java.util.Locale;
import java.util.Set;

/**
 * Tells which source wrote a JSON record from its shape: the keys each service always writes. Used on
 * the first record of an input; the rest of that input is read with the same parser.
 */
public final class JsonSourceDetector {
    private static final Set<String> AZURE_SIGNIN_CATEGORIES = Set.of("signinlogs", "noninteractiveusersigninlogs",
            "serviceprincipalsigninlogs", "managedidentitysigninlogs", "adfssigninlogs");

    private JsonSourceDetector() {
    }

    public static SourceType detect(JsonNode record) {
        if (has(record, "eventVersion") && has(record, "eventSource") && has(record, "eventName")) {
            return SourceType.CLOUDTRAIL;
        }
        if (text(record, "kind").equals("Event") && text(record, "apiVersion").startsWith("audit.k8s.io")
                || has(record, "auditID") && has(record, "verb") && has(record, "requestURI")) {
            return SourceType.K8S_AUDIT;
        }
        if (has(record, "protoPayload") || text(record, "logName").contains("cloudaudit.googleapis.com")) {
            return SourceType.GCP_AUDIT;
        }
        if (has(record, "query_name") && (has(record, "srcaddr") || has(record, "query_timestamp"))) {
            return SourceType.ROUTE53_RESOLVER;
        }
        String category = text(record, "category").toLowerCase(Locale.ROOT);
        if (AZURE_SIGNIN_CATEGORIES.contains(category)
                || text(record, "operationName").equalsIgnoreCase("Sign-in activity")
                || has(record, "createdDateTime") && has(record, "userPrincipalName") && has(record, "appDisplayName")) {
            return SourceType.AZURE_SIGNIN;
        }
        if (has(record, "operationName") && (has(record, "resourceId") || has(record, "resourceUri"))
                && (has(record, "time") || has(record, "eventTimestamp"))) {
            return SourceType.AZURE_ACTIVITY;
        }
        return SourceType.GENERIC_JSON;
    }

    private static boolean has(JsonNode node, String key) {
        return node.has(key);
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || !v.isTextual() ? "" : v.asText();
    }
}
