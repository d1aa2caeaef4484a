package dev.cloudwarden.engine.ingest.azure;

import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.parse.ExtractingJsonParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Azure Activity Log records in both shapes Azure writes them: as diagnostic settings export them to
 * storage or Event Hubs ({@code time}, {@code operationName}, {@code resultType}, {@code identity.claims})
 * and as the REST API and {@code az monitor activity-log list} return them ({@code eventTimestamp},
 * {@code caller}, {@code operationName.value}, {@code status.value}). Resource logs of the same envelope
 * (storage {@code StorageRead}, key vault {@code AuditEvent}) parse too, with their {@code statusCode}.
 *
 * <p>The account is the subscription (from the field or the resource id), else the tenant. An operation
 * logs a {@code Started} record before its {@code Succeeded} or {@code Failed} one; the first has no
 * outcome yet.
 */
final class AzureActivityParser extends ExtractingJsonParser {
    /** Claim names are URIs full of dots: exports nest the claims under {@code identity}, the REST shape has them on top. */
    private static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    private static final String AMR = "http://schemas.microsoft.com/claims/authnmethodsreferences";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final JsonFieldExtractor.Builder PATHS = new JsonFieldExtractor.Builder();
    private static final int EXPORT_UPN = PATHS.keys("identity", "claims", UPN);
    private static final int EXPORT_AMR = PATHS.keys("identity", "claims", AMR);
    private static final int REST_AMR = PATHS.keys("claims", AMR);
    private static final int TIME = PATHS.path("time");
    private static final int EVENT_TIMESTAMP = PATHS.path("eventTimestamp");
    private static final int OPERATION = PATHS.path("operationName");
    // the record's own id: eventDataId in the REST schema; exports carry the operation and correlation ids
    private static final int EVENT_DATA_ID = PATHS.path("eventDataId");
    private static final int OPERATION_ID = PATHS.path("operationId");
    private static final int CORRELATION_ID = PATHS.path("correlationId");
    private static final int OPERATION_VALUE = PATHS.path("operationName.value");
    private static final int PROVIDER = PATHS.path("resourceProviderName.value");
    private static final int RESOURCE_ID = PATHS.path("resourceId");
    private static final int RESOURCE_URI = PATHS.path("resourceUri");
    private static final int SUBSCRIPTION = PATHS.path("subscriptionId");
    private static final int TENANT = PATHS.path("tenantId");
    private static final int LOCATION = PATHS.path("location");
    private static final int RESULT_TYPE = PATHS.path("resultType");
    private static final int STATUS_VALUE = PATHS.path("status.value");
    private static final int RESULT_SIGNATURE = PATHS.path("resultSignature");
    private static final int SUB_STATUS = PATHS.path("subStatus.value");
    private static final int RESULT_DESCRIPTION = PATHS.path("resultDescription");
    private static final int PROPERTIES_STATUS_CODE = PATHS.path("properties.statusCode");
    private static final int PROPERTIES_STATUS_MESSAGE = PATHS.path("properties.statusMessage");
    private static final int HTTP_STATUS = PATHS.path("statusCode");
    private static final int HTTP_STATUS_TEXT = PATHS.path("statusText");
    private static final int CALLER_IP = PATHS.path("callerIpAddress");
    private static final int CLIENT_IP = PATHS.path("httpRequest.clientIpAddress");
    private static final int CALLER = PATHS.path("caller");
    private static final int CLAIM_NAME = PATHS.path("identity.claims.name");
    private static final int CLAIM_APPID = PATHS.path("identity.claims.appid");
    private static final int CLAIM_AUDIENCE = PATHS.path("identity.claims.aud");
    private static final int REST_CLAIM_AUDIENCE = PATHS.path("claims.aud");
    private static final int PRINCIPAL_TYPE = PATHS.path("identity.authorization.evidence.principalType");
    private static final int PRINCIPAL_ID = PATHS.path("identity.authorization.evidence.principalId");
    private static final int AUTH_TYPE = PATHS.path("identity.type");
    private static final int USER_AGENT = PATHS.path("properties.userAgentHeader");
    private static final JsonFieldExtractor EXTRACTOR = PATHS.build();

    AzureActivityParser() {
        super(SourceType.AZURE_ACTIVITY, EXTRACTOR);
    }

    @Override
    protected Event build(ExtractedFields f, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException {
        String operation = f.nonEmpty(OPERATION_VALUE) != null ? f.get(OPERATION_VALUE) : f.nonEmpty(OPERATION);
        String resourceId = f.nonEmpty(RESOURCE_ID) != null ? f.get(RESOURCE_ID) : f.nonEmpty(RESOURCE_URI);
        EventBuilder b = builder(raw, context, f.get(TIME), f.get(EVENT_TIMESTAMP)).origin(origin)
                .uid(f.firstNonEmpty(EVENT_DATA_ID, OPERATION_ID, CORRELATION_ID));
        b.cloud(new Cloud("azure", account(f, resourceId), f.nonEmpty(LOCATION)));
        b.actor(actor(f));
        b.src(CallerAddress.parse(f.nonEmpty(CALLER_IP) != null ? f.get(CALLER_IP) : f.nonEmpty(CLIENT_IP)));
        b.operation(service(f, operation), operation);
        b.outcome(outcome(f));
        b.userAgent(f.nonEmpty(USER_AGENT));
        b.resource(AzureIds.resourceType(resourceId), resourceId);
        return b.build();
    }

    private static String account(ExtractedFields f, String resourceId) {
        String subscription = f.nonEmpty(SUBSCRIPTION);
        subscription = subscription != null ? subscription.toLowerCase(Locale.ROOT) : AzureIds.subscription(resourceId);
        return subscription != null ? subscription : f.nonEmpty(TENANT);
    }

    /** The resource provider namespace ({@code Microsoft.Storage}), which operation names begin with. */
    private static String service(ExtractedFields f, String operation) {
        String provider = f.nonEmpty(PROVIDER);
        if (provider != null) {
            return provider;
        }
        int slash = operation == null ? -1 : operation.indexOf('/');
        return slash > 0 ? operation.substring(0, slash) : null;
    }

    /**
     * The caller's user principal name where the record has one ({@code caller} in the REST shape, the upn
     * claim in exports), else the application id of a service principal, else the object id the role
     * assignment matched. Storage resource logs name only how the caller authenticated (AccountKey, SAS).
     */
    private static Actor actor(ExtractedFields f) {
        String type = f.nonEmpty(PRINCIPAL_TYPE);
        String principal = f.nonEmpty(CALLER);
        if (principal == null) {
            principal = f.nonEmpty(EXPORT_UPN);
        }
        String amr = String.join(" ", f.all(EXPORT_AMR).isEmpty() ? f.all(REST_AMR) : f.all(EXPORT_AMR));
        amr = amr.isEmpty() ? null : amr;
        Boolean mfa = amr == null ? null : amr.contains("mfa");
        if (principal == null) {
            principal = f.nonEmpty(CLAIM_NAME);
        }
        if (principal == null && f.nonEmpty(CLAIM_APPID) != null) {
            principal = f.get(CLAIM_APPID);
            type = type != null ? type : "ServicePrincipal";
        }
        if (principal == null) {
            principal = f.nonEmpty(PRINCIPAL_ID);
        }
        if (type == null) {
            type = f.nonEmpty(AUTH_TYPE);
        }
        if (type == null && principal != null) {
            // The REST shape names no principal type: callers are user principal names or application ids.
            type = principal.indexOf('@') > 0 ? "User" : GUID.matcher(principal).matches() ? "ServicePrincipal" : null;
        }
        return new Actor(principal, type, null, null, mfa);
    }

    private static Outcome outcome(ExtractedFields f) {
        String status = f.nonEmpty(STATUS_VALUE) != null ? f.get(STATUS_VALUE) : f.nonEmpty(RESULT_TYPE);
        if (status != null) {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "success", "succeeded" -> {
                    return Outcome.SUCCESS;
                }
                case "failure", "failed" -> {
                    return Outcome.failure(errorCode(f), errorMessage(f));
                }
                default -> {
                    // Started, Accepted, Active, Resolved...: a step of an operation, not how it ended.
                    return Outcome.UNKNOWN;
                }
            }
        }
        Integer http = f.getInt(HTTP_STATUS);
        if (http != null) {
            return http < 400 ? Outcome.SUCCESS : Outcome.failure(String.valueOf(http), f.nonEmpty(HTTP_STATUS_TEXT));
        }
        return Outcome.UNKNOWN;
    }

    private static String errorCode(ExtractedFields f) {
        for (int slot : new int[] {SUB_STATUS, RESULT_SIGNATURE, PROPERTIES_STATUS_CODE}) {
            String v = f.nonEmpty(slot);
            if (v != null && !v.equalsIgnoreCase("None")) {
                return v;
            }
        }
        return null;
    }

    private static String errorMessage(ExtractedFields f) {
        String description = f.nonEmpty(RESULT_DESCRIPTION);
        return description != null ? description : f.nonEmpty(PROPERTIES_STATUS_MESSAGE);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
