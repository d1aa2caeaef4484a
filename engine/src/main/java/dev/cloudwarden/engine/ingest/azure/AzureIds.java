package dev.cloudwarden.engine.ingest.azure;

import java.util.Locale;

/**
 * Reads Azure Resource Manager ids ({@code /subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/
 * storageAccounts/a/blobServices/default}): the subscription or tenant they live in and the resource type
 * they name ({@code Microsoft.Storage/storageAccounts/blobServices}), which is how Azure types resources.
 */
final class AzureIds {
    private AzureIds() {
    }

    /**
     * The subscription id of {@code /subscriptions/<id>/...}, lower-cased, or null. Exports upper-case
     * whole resource ids while the REST API and other fields write the GUID in lower case; one spelling
     * keeps a subscription's events together.
     */
    static String subscription(String resourceId) {
        String id = segmentAfter(resourceId, "subscriptions");
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    /** The tenant id of {@code /tenants/<id>/...} (Entra ID records use these), or null. */
    static String tenant(String resourceId) {
        return segmentAfter(resourceId, "tenants");
    }

    /**
     * The resource type: the provider namespace after the last {@code providers} segment followed by every
     * other segment (the types; the segments between are names). Ids without a provider name a
     * subscription or resource group.
     */
    static String resourceType(String resourceId) {
        if (resourceId == null || !resourceId.startsWith("/")) {
            return null;
        }
        String[] parts = resourceId.substring(1).split("/");
        int provider = -1;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equalsIgnoreCase("providers")) {
                provider = i + 1;
            }
        }
        if (provider < 0) {
            if (parts.length >= 4 && parts[2].equalsIgnoreCase("resourceGroups")) {
                return "Microsoft.Resources/resourceGroups";
            }
            return parts.length >= 2 && parts[0].equalsIgnoreCase("subscriptions")
                    ? "Microsoft.Resources/subscriptions" : null;
        }
        StringBuilder type = new StringBuilder(parts[provider]);
        for (int i = provider + 1; i < parts.length; i += 2) {
            type.append('/').append(parts[i]);
        }
        return type.toString();
    }

    private static String segmentAfter(String resourceId, String name) {
        if (resourceId == null) {
            return null;
        }
        String prefix = "/" + name + "/";
        if (!resourceId.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        int end = resourceId.indexOf('/', prefix.length());
        String id = end < 0 ? resourceId.substring(prefix.length()) : resourceId.substring(prefix.length(), end);
        return id.isEmpty() ? null : id;
    }
}
