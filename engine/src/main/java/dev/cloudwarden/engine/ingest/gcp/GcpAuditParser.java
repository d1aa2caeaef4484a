package dev.cloudwarden.engine.ingest.gcp;

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
import dev.cloudwarden.engine.ingest.net.Addresses;
import dev.cloudwarden.engine.ingest.parse.ExtractingJsonParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

/**
 * Google Cloud Audit Logs: a Cloud Logging {@code LogEntry} whose {@code protoPayload} is an
 * {@code AuditLog} (admin activity, data access, system event and policy denied logs alike).
 *
 * <p>The account is the project (or folder, organization, billing account) the entry was logged in; the
 * region comes from the monitored resource's labels when the resource type has one. A non-zero
 * {@code status.code} (a google.rpc.Code: 7 is PERMISSION_DENIED) is a failure; an empty status is OK.
 */
final class GcpAuditParser extends ExtractingJsonParser {
    private static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";

    private static final JsonFieldExtractor.Builder PATHS = new JsonFieldExtractor.Builder();
    private static final int TIMESTAMP = PATHS.path("timestamp");
    private static final int RECEIVE_TIMESTAMP = PATHS.path("receiveTimestamp");
    private static final int LOG_NAME = PATHS.path("logName");
    private static final int INSERT_ID = PATHS.path("insertId");
    private static final int PAYLOAD_TYPE = PATHS.path("protoPayload.@type");
    private static final int SERVICE = PATHS.path("protoPayload.serviceName");
    private static final int METHOD = PATHS.path("protoPayload.methodName");
    private static final int RESOURCE_NAME = PATHS.path("protoPayload.resourceName");
    private static final int PRINCIPAL_EMAIL = PATHS.path("protoPayload.authenticationInfo.principalEmail");
    private static final int PRINCIPAL_SUBJECT = PATHS.path("protoPayload.authenticationInfo.principalSubject");
    private static final int SA_KEY = PATHS.path("protoPayload.authenticationInfo.serviceAccountKeyName");
    private static final int DELEGATED_FROM = PATHS.path(
            "protoPayload.authenticationInfo.serviceAccountDelegationInfo.firstPartyPrincipal.principalEmail");
    private static final int CALLER_IP = PATHS.path("protoPayload.requestMetadata.callerIp");
    /** Not in Google's schema, but some exporters' GKE samples spell it so; harmless to accept. */
    private static final int CALLER_IP_UPPER = PATHS.path("protoPayload.requestMetadata.callerIP");
    private static final int USER_AGENT = PATHS.path("protoPayload.requestMetadata.callerSuppliedUserAgent");
    private static final int STATUS_CODE = PATHS.path("protoPayload.status.code");
    private static final int STATUS_MESSAGE = PATHS.path("protoPayload.status.message");
    private static final int GRANTED = PATHS.path("protoPayload.authorizationInfo.granted");
    private static final int RESOURCE_TYPE = PATHS.path("resource.type");
    private static final int PROJECT_ID = PATHS.path("resource.labels.project_id");
    private static final int LOCATION = PATHS.path("resource.labels.location");
    private static final int REGION = PATHS.path("resource.labels.region");
    private static final int ZONE = PATHS.path("resource.labels.zone");
    private static final JsonFieldExtractor EXTRACTOR = PATHS.build();

    GcpAuditParser() {
        super(SourceType.GCP_AUDIT, EXTRACTOR);
    }

    @Override
    protected Event build(ExtractedFields f, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException {
        String type = f.nonEmpty(PAYLOAD_TYPE);
        if (type != null && !type.equals(AUDIT_LOG_TYPE)) {
            throw new RecordRejectedException("protoPayload is a " + type + ", not an AuditLog");
        }
        String method = f.nonEmpty(METHOD);
        String service = f.nonEmpty(SERVICE);
        // receiveTimestamp is when Cloud Logging received the entry: still the entry's own, seconds later at most.
        EventBuilder b = builder(raw, context, f.get(TIMESTAMP), f.get(RECEIVE_TIMESTAMP)).origin(origin)
                .uid(f.nonEmpty(INSERT_ID));
        b.cloud(new Cloud("gcp", account(f), region(f)));
        b.actor(actor(f));
        b.src(caller(f.nonEmpty(CALLER_IP) != null ? f.get(CALLER_IP) : f.nonEmpty(CALLER_IP_UPPER)));
        b.dst(service == null ? Endpoint.NONE : new Endpoint(null, null, service));
        b.operation(service, method);
        b.outcome(outcome(f));
        b.userAgent(f.nonEmpty(USER_AGENT));
        b.resource(f.nonEmpty(RESOURCE_TYPE), f.nonEmpty(RESOURCE_NAME));
        return b.build();
    }

    /** The project id label, else the parent named in {@code logName} ("projects/p/logs/..."). */
    private static String account(ExtractedFields f) {
        String project = f.nonEmpty(PROJECT_ID);
        if (project != null) {
            return project;
        }
        String logName = f.nonEmpty(LOG_NAME);
        if (logName == null) {
            return null;
        }
        String[] parts = logName.split("/", 3);
        return parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : null;
    }

    /** Resource types name their place differently (GKE: location, Compute: zone); "global" says none. */
    private static String region(ExtractedFields f) {
        for (int slot : new int[] {REGION, LOCATION, ZONE}) {
            String v = f.nonEmpty(slot);
            if (v != null && !v.equals("global")) {
                return v;
            }
        }
        return null;
    }

    /**
     * The authenticated principal. When a service account was impersonated, the session is who
     * impersonated it (the first principal of the delegation chain), as an AWS role session says who
     * assumed the role.
     */
    private static Actor actor(ExtractedFields f) {
        String email = f.nonEmpty(PRINCIPAL_EMAIL);
        String subject = f.nonEmpty(PRINCIPAL_SUBJECT);
        String principal = email != null ? email : subject;
        if (principal == null) {
            return Actor.NONE;
        }
        return new Actor(principal, principalType(email, subject), f.nonEmpty(SA_KEY), f.nonEmpty(DELEGATED_FROM), null);
    }

    private static String principalType(String email, String subject) {
        if (subject != null) {
            if (subject.startsWith("serviceAccount:")) {
                return "ServiceAccount";
            }
            if (subject.startsWith("user:")) {
                return "User";
            }
            if (subject.startsWith("principal://") || subject.startsWith("principalSet://")) {
                return "FederatedIdentity"; // workload or workforce identity federation
            }
        }
        if (email == null) {
            return null;
        }
        if (email.endsWith(".gserviceaccount.com")) {
            return "ServiceAccount";
        }
        // GKE logs Kubernetes identities (system:serviceaccount:..., system:anonymous) in principalEmail.
        return email.startsWith("system:") ? "Kubernetes" : "User";
    }

    /** callerIp holds an address, or a word such as "private" or "gce-internal-ip" when Google withholds it. */
    private static Endpoint caller(String callerIp) {
        if (callerIp == null) {
            return Endpoint.NONE;
        }
        return Addresses.looksLikeIp(callerIp) ? Endpoint.ip(callerIp) : new Endpoint(null, null, callerIp);
    }

    private static Outcome outcome(ExtractedFields f) {
        String code = f.nonEmpty(STATUS_CODE);
        if (code != null && !code.equals("0")) {
            return Outcome.failure(code, f.nonEmpty(STATUS_MESSAGE));
        }
        // Entries written without a status can still carry the authorizer's verdict. Which permission was
        // refused is not recoverable here: proto3 JSON omits "granted": false, so the lists need not align.
        if (f.all(GRANTED).contains("false")) {
            return Outcome.failure(null, "permission denied");
        }
        return Outcome.SUCCESS;
    }
}
