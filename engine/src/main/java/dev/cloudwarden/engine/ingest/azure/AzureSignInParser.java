package dev.cloudwarden.engine.ingest.azure;

import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
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

/**
 * Microsoft Entra ID (Azure AD) sign-in logs, user and service principal alike, in both shapes: as
 * diagnostic settings export them (an Azure Monitor envelope with {@code category} {@code SignInLogs},
 * {@code NonInteractiveUserSignInLogs}, {@code ServicePrincipalSignInLogs}..., the sign-in under
 * {@code properties}) and as Microsoft Graph returns them ({@code /auditLogs/signIns}: the same sign-in
 * fields at the top level).
 *
 * <p>{@code status.errorCode} 0 is a successful sign-in; any other code (50126 bad password, 50053
 * locked, 50074 MFA required...) is a failure. The cloud region stays empty: {@code location} here is
 * where the caller's address geolocates, not where in Azure anything ran (the raw record keeps it).
 */
final class AzureSignInParser extends ExtractingJsonParser {
    private static final JsonFieldExtractor.Builder PATHS = new JsonFieldExtractor.Builder();
    private static final int TIME = PATHS.path("time");
    private static final int CORRELATION_ID = PATHS.path("correlationId");
    private static final int CATEGORY = PATHS.path("category");
    private static final int TENANT = PATHS.path("tenantId");
    private static final int TOP_RESOURCE_ID = PATHS.path("resourceId");
    private static final int CALLER_IP = PATHS.path("callerIpAddress");
    private static final int RESULT_TYPE = PATHS.path("resultType");
    private static final int RESULT_DESCRIPTION = PATHS.path("resultDescription");
    private static final Both CREATED = both("createdDateTime");
    private static final Both SIGNIN_ID = both("id");
    private static final Both UPN = both("userPrincipalName");
    private static final Both USER_ID = both("userId");
    private static final Both USER_TYPE = both("userType");
    private static final Both SP_NAME = both("servicePrincipalName");
    private static final Both SP_ID = both("servicePrincipalId");
    private static final Both IP = both("ipAddress");
    private static final Both ERROR_CODE = both("status.errorCode");
    private static final Both FAILURE_REASON = both("status.failureReason");
    private static final Both APP_NAME = both("appDisplayName");
    private static final Both APP_ID = both("appId");
    private static final Both RESOURCE_NAME = both("resourceDisplayName");
    private static final Both SESSION = both("sessionId");
    private static final Both USER_AGENT = both("userAgent");
    private static final Both MFA_METHOD = both("mfaDetail.authMethod");
    private static final Both AUTH_REQUIREMENT = both("authenticationRequirement");
    private static final Both RESOURCE_TENANT = both("resourceTenantId");
    /** Graph's top-level resourceId is the resource application's id; the envelope's is an ARM id. */
    private static final int SIGNIN_RESOURCE_ID = PATHS.path("properties.resourceId");
    private static final JsonFieldExtractor EXTRACTOR = PATHS.build();

    /** A sign-in field, under {@code properties} in exports and at the top in Graph responses. */
    private record Both(int nested, int top) {
        String get(ExtractedFields f) {
            String v = f.nonEmpty(nested);
            return v != null ? v : f.nonEmpty(top);
        }
    }

    private static Both both(String path) {
        return new Both(PATHS.path("properties." + path), PATHS.path(path));
    }

    AzureSignInParser() {
        super(SourceType.AZURE_SIGNIN, EXTRACTOR);
    }

    @Override
    protected Event build(ExtractedFields f, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException {
        // createdDateTime is when the sign-in happened; the envelope's time is when it was logged.
        Actor actor = actor(f);
        EventBuilder b = builder(raw, context, CREATED.get(f), f.nonEmpty(TIME)).origin(origin)
                .uid(SIGNIN_ID.get(f) != null ? SIGNIN_ID.get(f) : f.nonEmpty(CORRELATION_ID));
        b.cloud(new Cloud("azure", tenant(f), null));
        b.actor(actor);
        b.src(CallerAddress.parse(IP.get(f) != null ? IP.get(f) : f.nonEmpty(CALLER_IP)));
        String resource = RESOURCE_NAME.get(f);
        b.dst(resource == null ? Endpoint.NONE : new Endpoint(null, null, resource));
        b.operation(APP_NAME.get(f) != null ? APP_NAME.get(f) : APP_ID.get(f), "SignIn");
        b.outcome(outcome(f));
        b.userAgent(USER_AGENT.get(f));
        b.resource("application", APP_ID.get(f));
        boolean envelope = f.nonEmpty(CATEGORY) != null;
        b.resource("resource", f.nonEmpty(envelope ? SIGNIN_RESOURCE_ID : TOP_RESOURCE_ID));
        return b.build();
    }

    /**
     * Users by their UPN, typed Guest for B2B guests; service principals and managed identities by name,
     * else id. MFA is known when the sign-in names its second factor, or says which requirement it met.
     */
    private static Actor actor(ExtractedFields f) {
        String category = f.nonEmpty(CATEGORY);
        String upn = UPN.get(f);
        String user = upn != null ? upn : USER_ID.get(f);
        if (user != null) {
            String type = "Guest".equalsIgnoreCase(USER_TYPE.get(f)) ? "Guest" : "User";
            return new Actor(user, type, null, SESSION.get(f), mfa(f));
        }
        String sp = SP_NAME.get(f) != null ? SP_NAME.get(f) : SP_ID.get(f);
        if (sp == null) {
            return Actor.NONE;
        }
        String type = "ManagedIdentitySignInLogs".equalsIgnoreCase(category) ? "ManagedIdentity" : "ServicePrincipal";
        return new Actor(sp, type, null, null, null);
    }

    /**
     * A second factor named in {@code mfaDetail} was used. Otherwise the requirement the sign-in met says
     * it, but only if the sign-in succeeded: a failure such as 50074 ("strong authentication is required")
     * carries the multi-factor requirement precisely because no second factor was given.
     */
    private static Boolean mfa(ExtractedFields f) {
        if (MFA_METHOD.get(f) != null) {
            return Boolean.TRUE;
        }
        String requirement = AUTH_REQUIREMENT.get(f);
        if ("singleFactorAuthentication".equalsIgnoreCase(requirement)) {
            return Boolean.FALSE;
        }
        boolean succeeded = outcome(f).status() == Outcome.Status.SUCCESS;
        return succeeded && "multiFactorAuthentication".equalsIgnoreCase(requirement) ? Boolean.TRUE : null;
    }

    private static String tenant(ExtractedFields f) {
        String tenant = f.nonEmpty(TENANT);
        if (tenant == null) {
            tenant = AzureIds.tenant(f.nonEmpty(TOP_RESOURCE_ID));
        }
        return tenant != null ? tenant : RESOURCE_TENANT.get(f);
    }

    /**
     * The sign-in's own error code decides. Exports also copy it into {@code resultType}, which some
     * pipelines rewrite as "Success"/"Failure"; that is the fallback.
     */
    private static Outcome outcome(ExtractedFields f) {
        String code = ERROR_CODE.get(f);
        if (code == null) {
            String result = f.nonEmpty(RESULT_TYPE);
            if (result == null) {
                return Outcome.UNKNOWN;
            }
            if (result.equalsIgnoreCase("Success")) {
                return Outcome.SUCCESS;
            }
            if (result.equalsIgnoreCase("Failure")) {
                return Outcome.failure(null, f.nonEmpty(RESULT_DESCRIPTION));
            }
            code = result;
        }
        if (code.equals("0")) {
            return Outcome.SUCCESS;
        }
        String reason = FAILURE_REASON.get(f);
        return Outcome.failure(code, reason != null ? reason : f.nonEmpty(RESULT_DESCRIPTION));
    }
}
