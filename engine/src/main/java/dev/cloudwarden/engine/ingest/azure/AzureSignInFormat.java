package dev.cloudwarden.engine.ingest.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

import java.util.Locale;
import java.util.Set;

/**
 * Entra ID sign-ins: an export's sign-in category or operation, or Microsoft Graph's sign-in members. Exported
 * sign-ins also have what {@link AzureActivityFormat} looks for, so the registry asks this format first.
 */
public final class AzureSignInFormat implements JsonFormat {
    private static final Set<String> CATEGORIES = Set.of("signinlogs", "noninteractiveusersigninlogs",
            "serviceprincipalsigninlogs", "managedidentitysigninlogs", "adfssigninlogs");

    private final AzureSignInParser parser = new AzureSignInParser();

    @Override
    public boolean recognizes(JsonNode record) {
        return CATEGORIES.contains(JsonFormat.text(record, "category").toLowerCase(Locale.ROOT))
                || JsonFormat.text(record, "operationName").equalsIgnoreCase("Sign-in activity")
                || record.has("createdDateTime") && record.has("userPrincipalName") && record.has("appDisplayName");
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }
}
